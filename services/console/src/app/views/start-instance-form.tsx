// Starts an instance of a chosen version with JSON variables, then opens its page. A version
// whose none start event links a deployed Camunda form is started through that form instead,
// drawn by form-js (linked-form.tsx), its data the instance's variables.
import type { ProcessDefinitionResponse } from '@baton/contracts';
import type { ConsoleContext } from '../context';
import { el, parseVariables } from '../dom';
import { instanceHref } from '../router';
import { errorMessage, toast } from '../toasts';
import { linkedForm } from './linked-form';

/** `versions` newest first. */
export function startInstanceForm(
  context: ConsoleContext,
  versions: readonly ProcessDefinitionResponse[],
): HTMLElement {
  const version = el(
    'select',
    { name: 'version', 'aria-label': 'Version' },
    ...versions.map((definition) =>
      el('option', { value: definition.processDefinitionKey }, `v${definition.version}`),
    ),
  );
  const variables = el('textarea', {
    name: 'variables',
    rows: 3,
    placeholder: 'Variables (JSON), e.g. {"amount": 120}',
    'aria-label': 'Variables (JSON)',
    spellcheck: 'false',
  });
  const button = el('button', { type: 'submit' }, 'Start instance');
  const form = el('form', { class: 'start-form' }, el('div', { class: 'row' }, version, button), variables);
  const start = (processDefinitionKey: string, parsed: Record<string, unknown>) =>
    context.api.createInstance({ processDefinitionKey, variables: parsed }).then((created) => {
      toast(`Started instance ${created.processInstanceKey}`);
      location.hash = instanceHref(created.processInstanceKey);
    });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    let parsed: Record<string, unknown>;
    try {
      parsed = parseVariables(variables.value);
    } catch (error) {
      toast(errorMessage(error), 'error');
      return;
    }
    button.disabled = true;
    start(version.value, parsed)
      .catch((error: unknown) => toast(`Start failed: ${errorMessage(error)}`, 'error'))
      .finally(() => (button.disabled = false));
  });
  const startFormSlot = el('div', { class: 'start-form-slot' });
  const showStartForm = () => {
    const processDefinitionKey = version.value;
    startFormSlot.replaceChildren();
    button.hidden = false;
    variables.hidden = false;
    context.api
      .startForm(processDefinitionKey)
      .then(async (schema) => {
        if (schema === undefined || version.value !== processDefinitionKey) return;
        const drawn = await linkedForm({
          form: schema,
          variables: {},
          submitLabel: 'Start instance',
          onSubmit: (data) => start(processDefinitionKey, data),
        });
        if (version.value !== processDefinitionKey) return;
        button.hidden = true;
        variables.hidden = true;
        startFormSlot.replaceChildren(drawn);
      })
      .catch((error: unknown) => toast(`Cannot show the start form: ${errorMessage(error)}`, 'error'));
  };
  version.addEventListener('change', showStartForm);
  if (versions.length > 0) showStartForm();
  return el('div', { class: 'start-instance' }, form, startFormSlot);
}
