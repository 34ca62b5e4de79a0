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
        // An entry is a process, a decision or a decision requirements graph (DMN): each by its id.
        const deployed = result.deployments.map(
          ({ processDefinition: p, decisionDefinition: d, decisionRequirements: r }) =>
            p
              ? `${p.processDefinitionId} v${p.processDefinitionVersion}`
              : d
                ? `decision ${d.decisionDefinitionId} v${d.version}`
                : `${r?.decisionRequirementsId ?? 'resource'} v${r?.version ?? '?'}`,
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
