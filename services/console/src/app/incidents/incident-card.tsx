// One open incident: where it happened (process, instance, element), its error type and message,
// when it was raised — and what an operator does about it: raise the job's retries (job incidents),
// fix the variables the failure read, and resolve it so that what failed runs again. Without the
// operator role the actions are shown disabled with the reason; the API's answer to each action
// (its problem detail on failure) is shown on the card.
import type { IncidentDto } from '@baton/contracts';
import type { ConsoleContext } from '../context';
import { el, formatDate } from '../dom';
import { instanceHref } from '../router';
import { errorMessage, toast } from '../toasts';
import type { OperatorAccess } from './operator-access';
import type { Report } from './report';
import { variablesEditor } from './variables-editor';

export interface IncidentCardOptions {
  readonly incident: IncidentDto;
  readonly access: OperatorAccess;
  /** Show the process and instance (the list across instances); an instance's page does not. */
  readonly showInstance: boolean;
  /** Called after a successful action, so the list reads the incidents again. */
  readonly onChanged: () => void;
}

export function incidentCard(context: ConsoleContext, options: IncidentCardOptions): HTMLElement {
  const { incident, access, showInstance, onChanged } = options;
  const readOnlyReason = access.allowed ? undefined : access.reason;
  const outcome = el('p', { class: 'incident-outcome', role: 'status', hidden: true });
  const report: Report = (kind, message) => {
    outcome.hidden = false;
    outcome.className = `incident-outcome ${kind === 'ok' ? 'ok' : 'error'}`;
    outcome.setAttribute('role', kind === 'ok' ? 'status' : 'alert');
    outcome.textContent = message;
  };

  const resolve = el(
    'button',
    { type: 'button', class: 'resolve', disabled: readOnlyReason !== undefined, title: readOnlyReason },
    'Resolve',
  );
  resolve.addEventListener('click', () => {
    resolve.disabled = true;
    context.api
      .resolveIncident(incident.incidentKey)
      .then(() => {
        report('ok', 'Resolved: what failed runs again.');
        // The card goes once the list reads again; the toast stays to say what happened.
        toast(`Resolved the incident at ${incident.elementId}`);
        onChanged();
      })
      .catch((error: unknown) => {
        report('problem', `Resolving failed: ${errorMessage(error)}`);
        resolve.disabled = false;
      });
  });

  return el(
    'article',
    {
      class: 'card incident-card',
      'data-incident-key': incident.incidentKey,
      'data-element-id': incident.elementId,
      'data-error-type': incident.errorType,
    },
    el('h3', {}, el('span', { class: 'incident' }, incident.errorType), ' at ', incident.elementId),
    el('p', { class: 'incident-message' }, incident.errorMessage || '(no message)'),
    el(
      'p',
      { class: 'muted' },
      showInstance ? `${incident.processDefinitionId} · instance ` : '',
      showInstance
        ? el('a', { href: instanceHref(incident.processInstanceKey) }, incident.processInstanceKey)
        : '',
      showInstance ? ' · ' : '',
      'raised ',
      el('time', { datetime: incident.creationTime }, formatDate(incident.creationTime)),
      incident.jobKey !== undefined ? ` · job ${incident.jobKey}` : '',
    ),
    readOnlyReason !== undefined ? el('p', { class: 'muted read-only' }, readOnlyReason) : undefined,
    el(
      'div',
      { class: 'incident-actions' },
      incident.jobKey !== undefined
        ? retriesForm(context, incident.jobKey, readOnlyReason, report)
        : undefined,
      el(
        'details',
        { class: 'edit-variables' },
        el('summary', {}, 'Edit variables'),
        variablesEditor(context, { incident, readOnlyReason, report }),
      ),
      resolve,
    ),
    outcome,
  );
}

/** PATCH /v2/jobs/{key} with new retries: a job out of retries must get some before resolving. */
function retriesForm(
  context: ConsoleContext,
  jobKey: string,
  readOnlyReason: string | undefined,
  report: Report,
): HTMLElement {
  const retries = el('input', {
    type: 'number',
    name: 'retries',
    min: 1,
    step: 1,
    value: 1,
    required: true,
    'aria-label': 'Retries',
    disabled: readOnlyReason !== undefined,
  });
  const button = el(
    'button',
    { type: 'submit', disabled: readOnlyReason !== undefined, title: readOnlyReason },
    'Update retries',
  );
  const form = el('form', { class: 'retries-form' }, el('label', {}, 'Retries ', retries), button);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = retries.valueAsNumber;
    if (!Number.isInteger(value) || value < 1) {
      report('problem', 'Retries must be a whole number of at least 1.');
      return;
    }
    button.disabled = true;
    context.api
      .updateJobRetries(jobKey, value)
      .then(() =>
        report(
          'ok',
          `Job ${jobKey} has ${value} ${value === 1 ? 'retry' : 'retries'} now; resolve the incident to run it.`,
        ),
      )
      .catch((error: unknown) => report('problem', `Updating the retries failed: ${errorMessage(error)}`))
      .finally(() => (button.disabled = false));
  });
  return form;
}
