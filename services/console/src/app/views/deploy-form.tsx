// Deploys BPMN files chosen by the user (POST /v2/deployments, one `resources` part per file).
import type { ConsoleContext } from '../context';
import { el } from '../dom';
import { errorMessage, toast } from '../toasts';

export function deployForm(context: ConsoleContext, onDeployed: () => void): HTMLFormElement {
  const input = el('input', {
    type: 'file',
    name: 'resources',
    accept: '.bpmn,.xml',
    multiple: true,
    required: true,
    'aria-label': 'BPMN files',
  });
  const button = el('button', { type: 'submit' }, 'Deploy');
  const form = el('form', { class: 'deploy-form' }, el('label', {}, 'Deploy BPMN ', input), button);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const files = [...(input.files ?? [])];
    if (files.length === 0) return;
    button.disabled = true;
    context.api
      .deploy(files)
      .then((result) => {
        const deployed = result.deployments.map(
          ({ processDefinition: d }) => `${d.processDefinitionId} v${d.processDefinitionVersion}`,
        );
        toast(`Deployed ${deployed.join(', ')}`);
        form.reset();
        onDeployed();
      })
      .catch((error: unknown) => toast(`Deployment failed: ${errorMessage(error)}`, 'error'))
      .finally(() => (button.disabled = false));
  });
  return form;
}
