// The form a Camunda 8 user task or none start event links to, from `zeebe:formDefinition`: a form
// deployed with Camunda by its id (`formId`, with `bindingType` latest or deployment), or an
// external form's reference. A custom `formKey` stays the task's formKey (zeebe-dialect.ts).
import type { ModdleElement } from 'bpmn-moddle';
import type { LinkedFormModel } from './model';
import { findExtension, stringProperty } from './moddle-access';

/** `formId` and `bindingType` (undeclared in this moddle version, so read as a plain property). */
export function linkedFormOf(element: ModdleElement): LinkedFormModel | undefined {
  const form = findExtension(element, 'zeebe:FormDefinition');
  const formId = form && stringProperty(form, 'formId');
  if (form === undefined || formId === undefined) return undefined;
  const binding = stringProperty(form, 'bindingType');
  return { formId, bindingType: binding === 'deployment' ? 'deployment' : 'latest' };
}

/** `externalReference`: where an external form is (a URL or any text the task list understands). */
export function externalFormReferenceOf(element: ModdleElement): string | undefined {
  const form = findExtension(element, 'zeebe:FormDefinition');
  return form && stringProperty(form, 'externalReference');
}

/** The start form fields of a none start event, for spreading into its node. */
export function startFormOf(element: ModdleElement): { readonly linkedForm?: LinkedFormModel } {
  const linkedForm = linkedFormOf(element);
  return linkedForm ? { linkedForm } : {};
}
