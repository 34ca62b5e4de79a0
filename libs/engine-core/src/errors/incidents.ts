// Incidents: a step that cannot go on (failed expression, job without retries, unhandled error)
// parks the token at its element; resolving the incident re-runs the step that failed.
import type { Draft } from '../instance/draft';
import type { Incident, IncidentErrorType } from '../instance/state';

export interface IncidentCause {
  readonly errorType: IncidentErrorType;
  readonly errorMessage: string;
  /** The step that resolving the incident retries. */
  readonly pendingStep?: 'ACTIVATE' | 'COMPLETE';
  readonly jobKey?: string;
}

/** Opens an incident on an element instance, which then waits for its resolution. */
export function raiseIncident(draft: Draft, elementInstanceKey: string, cause: IncidentCause): Incident {
  const instance = draft.elementInstance(elementInstanceKey);
  if (!instance) throw new Error(`internal: incident on unknown element instance ${elementInstanceKey}`);
  const incident: Incident = {
    incidentKey: draft.key(),
    errorType: cause.errorType,
    errorMessage: cause.errorMessage,
    elementId: instance.elementId,
    elementInstanceKey,
    ...(cause.jobKey !== undefined ? { jobKey: cause.jobKey } : {}),
    state: 'ACTIVE',
    creationTime: draft.nowIso,
  };
  draft.putIncident(incident);
  draft.putElementInstance({
    ...instance,
    incidentKey: incident.incidentKey,
    pendingStep: cause.pendingStep,
  });
  draft.emit({ type: 'INCIDENT_UPDATED', incident, processInstanceKey: draft.rootKey });
  return incident;
}

/** Marks an incident resolved and detaches it from its element instance. */
export function closeIncident(draft: Draft, incidentKey: string): void {
  const incident = draft.incident(incidentKey);
  if (!incident || incident.state !== 'ACTIVE') return;
  const resolved: Incident = { ...incident, state: 'RESOLVED' };
  draft.putIncident(resolved);
  const instance = draft.elementInstance(incident.elementInstanceKey);
  if (instance?.incidentKey === incidentKey) {
    draft.putElementInstance({ ...instance, incidentKey: undefined, pendingStep: undefined });
  }
  draft.emit({ type: 'INCIDENT_UPDATED', incident: resolved, processInstanceKey: draft.rootKey });
}
