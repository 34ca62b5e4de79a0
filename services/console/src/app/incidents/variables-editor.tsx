// Edits the variables an incident's failure read: the scope is chosen (the instance's root scope,
// or the failed element's own scope), its variables are shown as JSON, checked as the operator
// types, and only what changed is set — in that scope alone (PUT …/variables with local: true),
// so a value is fixed where it lives instead of being copied to another scope.
import type { IncidentDto } from '@baton/contracts';
import type { ConsoleContext } from '../context';
import { el, parseVariables } from '../dom';
import { errorMessage } from '../toasts';
import type { Report } from './report';

export interface VariablesEditorOptions {
  readonly incident: IncidentDto;
  /** Why saving is not offered (the user lacks the operator role); undefined when it is. */
  readonly readOnlyReason: string | undefined;
  readonly report: Report;
}

export function variablesEditor(context: ConsoleContext, options: VariablesEditorOptions): HTMLElement {
  const { incident, readOnlyReason, report } = options;
  const scope = el(
    'select',
    { name: 'scope', 'aria-label': 'Scope' },
    el('option', { value: incident.processInstanceKey }, 'Instance (root scope)'),
    el('option', { value: incident.elementInstanceKey }, `${incident.elementId} (its own scope)`),
  );
  const text = el('textarea', {
    name: 'variables',
    rows: 6,
    spellcheck: 'false',
    'aria-label': 'Variables (JSON)',
  });
  const check = el('p', { class: 'json-check muted', 'aria-live': 'polite' }, 'Loading the variables…');
  const save = el('button', { type: 'submit', disabled: true, title: readOnlyReason }, 'Save variables');
  const form = el(
    'form',
    { class: 'variables-editor', 'data-scope': 'root' },
    el('label', { class: 'row' }, 'Scope ', scope),
    text,
    check,
    save,
  );
  /** What the scope held when it was read: only values that differ from it are sent. */
  let loaded: Record<string, unknown> = {};
  let loading = false;

  const validate = (): Record<string, unknown> | undefined => {
    try {
      const parsed = parseVariables(text.value);
      const removed = Object.keys(loaded).filter((name) => !(name in parsed));
      if (removed.length > 0)
        throw new Error(`Variables cannot be removed, only set: set ${removed.join(', ')} to null instead.`);
      text.removeAttribute('aria-invalid');
      check.className = 'json-check muted';
      const changed = Object.keys(changedVariables(loaded, parsed));
      check.textContent =
        changed.length === 0
          ? 'Valid JSON. Nothing changed yet.'
          : `Valid JSON. Changed: ${changed.join(', ')}.`;
      save.disabled = loading || readOnlyReason !== undefined || changed.length === 0;
      return parsed;
    } catch (error) {
      text.setAttribute('aria-invalid', 'true');
      check.className = 'json-check error';
      check.textContent = errorMessage(error);
      save.disabled = true;
      return undefined;
    }
  };

  const load = () => {
    loading = true;
    save.disabled = true;
    form.dataset['scope'] = scope.value === incident.processInstanceKey ? 'root' : 'element';
    const scopeKey = scope.value;
    context.api
      .scopeVariables(incident.processInstanceKey, scopeKey)
      .then((variables) => {
        if (scope.value !== scopeKey) return;
        loaded = Object.fromEntries(
          variables.map((variable) => [variable.name, JSON.parse(variable.value) as unknown]),
        );
        text.value = JSON.stringify(loaded, null, 2);
        loading = false;
        validate();
      })
      .catch((error: unknown) => {
        check.className = 'json-check error';
        check.textContent = `Cannot read the variables: ${errorMessage(error)}`;
      });
  };

  text.addEventListener('input', () => validate());
  scope.addEventListener('change', load);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const parsed = validate();
    if (parsed === undefined || readOnlyReason !== undefined) return;
    const changed = changedVariables(loaded, parsed);
    const where = scope.selectedOptions[0]?.textContent ?? scope.value;
    save.disabled = true;
    context.api
      .setLocalVariables(scope.value, changed)
      .then(() => {
        report('ok', `Set ${Object.keys(changed).join(', ')} in ${where}.`);
        load();
      })
      .catch((error: unknown) => {
        report('problem', `Setting variables failed: ${errorMessage(error)}`);
        validate();
      });
  });
  load();
  return form;
}

/** The variables whose value differs from what was read, or that are new. */
function changedVariables(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(after).filter(
      ([name, value]) => !(name in before) || JSON.stringify(before[name]) !== JSON.stringify(value),
    ),
  );
}
