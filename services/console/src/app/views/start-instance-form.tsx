// Starts an instance of a chosen version with JSON variables, then opens its page.
import type { ProcessDefinitionResponse } from '@baton/contracts';
import type { ConsoleContext } from '../context';
import { el, parseVariables } from '../dom';
import { instanceHref } from '../router';
import { errorMessage, toast } from '../toasts';

/** `versions` newest first. */
export function startInstanceForm(
  context: ConsoleContext,
  versions: readonly ProcessDefinitionResponse[],
): HTMLFormElement {
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
    context.api
      .createInstance({ processDefinitionKey: version.value, variables: parsed })
      .then((created) => {
        toast(`Started instance ${created.processInstanceKey}`);
        location.hash = instanceHref(created.processInstanceKey);
      })
      .catch((error: unknown) => toast(`Start failed: ${errorMessage(error)}`, 'error'))
      .finally(() => (button.disabled = false));
  });
  return form;
}
