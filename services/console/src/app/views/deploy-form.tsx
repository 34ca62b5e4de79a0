// Deploys BPMN, DMN and form files chosen by the user (POST /v2/deployments, one `resources`
// part per file).
import type { DeploymentResponse } from '@baton/contracts';
import type { ConsoleContext } from '../context';
import { el } from '../dom';
import { errorMessage, toast } from '../toasts';

export function deployForm(context: ConsoleContext, onDeployed: () => void): HTMLFormElement {
  const input = el('input', {
    type: 'file',
    name: 'resources',
    accept: '.bpmn,.xml,.dmn,.form',
    multiple: true,
    required: true,
    'aria-label': 'BPMN, DMN or form files',
  });
  const button = el('button', { type: 'submit' }, 'Deploy');
  const form = el(
    'form',
    { class: 'deploy-form' },
    el('label', {}, 'Deploy BPMN, DMN, forms ', input),
    button,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const files = [...(input.files ?? [])];
    if (files.length === 0) return;
    button.disabled = true;
    context.api
      .deploy(files)
      .then((result) => {
        toast(`Deployed ${result.deployments.map(entryName).join(', ')}`);
        form.reset();
        onDeployed();
      })
      .catch((error: unknown) => toast(`Deployment failed: ${errorMessage(error)}`, 'error'))
      .finally(() => (button.disabled = false));
  });
  return form;
}

/** An entry is a process, a decision, a decision requirements graph (DMN) or a form: each by its id. */
function entryName(entry: DeploymentResponse['deployments'][number]): string {
  const { processDefinition: p, decisionDefinition: d, decisionRequirements: r, form: f } = entry;
  if (p) return `${p.processDefinitionId} v${p.processDefinitionVersion}`;
  if (d) return `decision ${d.decisionDefinitionId} v${d.version}`;
  if (f) return `form ${f.formId} v${f.version}`;
  return `${r?.decisionRequirementsId ?? 'resource'} v${r?.version ?? '?'}`;
}
