// A Camunda form (a deployed form-js schema) drawn by the form-js viewer (@bpmn-io/form-js-viewer),
// prefilled with the given variables. The button runs form-js's own validation (required fields,
// min/max, patterns, …) and hands over what the form holds only when nothing is wrong; form-js
// marks the fields that are.
import { Form } from '@bpmn-io/form-js-viewer';
import type { FormResponse } from '@baton/contracts';
import { el } from '../dom';
import { errorMessage, toast } from '../toasts';

export interface LinkedFormOptions {
  readonly form: FormResponse;
  readonly variables: Record<string, unknown>;
  readonly submitLabel: string;
  /** Called with the form's data once it is valid; a rejection re-enables the button. */
  readonly onSubmit: (data: Record<string, unknown>) => Promise<void>;
}

export async function linkedForm(options: LinkedFormOptions): Promise<HTMLElement> {
  const container = el('div', { class: 'form-js-container' });
  // No input debounce (form-js waits 300 ms by default): what the user typed is in the form's data
  // at once, so a submit right after typing sees it.
  const viewer = new Form({ container, debounce: false } as ConstructorParameters<typeof Form>[0]);
  await viewer.importSchema(JSON.parse(options.form.schema) as Record<string, unknown>, options.variables);
  const button = el('button', { type: 'button', class: 'submit-form' }, options.submitLabel);
  button.addEventListener('click', () => {
    const { data, errors } = viewer.submit();
    const invalid = Object.keys(errors);
    if (invalid.length > 0) {
      toast(`The form has ${invalid.length} field(s) to correct.`, 'error');
      return;
    }
    button.disabled = true;
    options.onSubmit(data as Record<string, unknown>).catch((error: unknown) => {
      toast(errorMessage(error), 'error');
      button.disabled = false;
    });
  });
  return el(
    'div',
    {
      class: 'linked-form',
      'data-form-id': options.form.formId,
      'data-form-version': options.form.version,
    },
    container,
    button,
  );
}
