// The INSTANCE_EVENT payload: a summary of an instance for the UI and audit (DESIGN §4).
import type { InstanceChange, InstanceEvent, InstanceSummary } from '@baton/contracts';
import type { InstanceState } from './state';

/**
 * The instance event: the instance's summary stamped with `now`.
 * `timestamp` is `now` as an ISO string, for callers that have it already; `change` is what the
 * command applied and changed (instance-change.ts).
 */
export function toInstanceEvent(
  state: InstanceState,
  now: number,
  timestamp = new Date(now).toISOString(),
  change?: InstanceChange,
): InstanceEvent {
  const summary = instanceSummary(state);
  // One literal per case: a field added after the literal changes the object's shape, and every
  // consumer copying the event (the processor stamps it) then meets two shapes.
  return change === undefined ? { ...summary, timestamp } : { ...summary, timestamp, change };
}

/**
 * Summarises an instance: elements with an active element instance (the process itself
 * excluded), elements completed at least once, every token, whether an incident is open and
 * whether the instance is suspended.
 */
export function instanceSummary(state: InstanceState): InstanceSummary {
  const active: string[] = [];
  for (const instance of Object.values(state.elementInstances)) {
    if (
      instance.elementType !== 'process' &&
      instance.state === 'ACTIVE' &&
      !active.includes(instance.elementId)
    )
      active.push(instance.elementId);
  }
  return {
    processInstanceKey: state.processInstanceKey,
    processDefinitionKey: state.processDefinitionKey,
    processDefinitionId: state.processDefinitionId,
    state: state.state,
    activeElementIds: active,
    completedElementIds: [...(state.completedElementIds ?? [])],
    tokens: Object.values(state.tokens),
    hasIncident: hasOpenIncident(state),
    suspended: state.suspended === true,
  };
}

/** True when the instance has an unresolved incident. */
export function hasOpenIncident(state: InstanceState): boolean {
  for (const incident of Object.values(state.incidents)) if (incident.state === 'ACTIVE') return true;
  return false;
}
