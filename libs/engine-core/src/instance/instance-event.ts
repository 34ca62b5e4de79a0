// The INSTANCE_EVENT payload: a summary of an instance for the UI and audit (DESIGN §4).
import type { InstanceChange, InstanceEvent, InstanceSummary } from '@baton/contracts';
import type { InstanceState, Token } from './state';

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
  // One literal per case, written out rather than spread from the summary: a spread copies the
  // summary it has just built, and a field added after the literal gives the event a second shape
  // that every consumer copying it (the processor stamps it) then meets.
  const active = activeElementIds(state);
  const completed = completedElementIds(state);
  const tokens = tokensOf(state);
  const hasIncident = hasOpenIncident(state);
  const suspended = state.suspended === true;
  return change === undefined
    ? {
        processInstanceKey: state.processInstanceKey,
        processDefinitionKey: state.processDefinitionKey,
        processDefinitionId: state.processDefinitionId,
        state: state.state,
        activeElementIds: active,
        completedElementIds: completed,
        tokens,
        hasIncident,
        suspended,
        timestamp,
      }
    : {
        processInstanceKey: state.processInstanceKey,
        processDefinitionKey: state.processDefinitionKey,
        processDefinitionId: state.processDefinitionId,
        state: state.state,
        activeElementIds: active,
        completedElementIds: completed,
        tokens,
        hasIncident,
        suspended,
        timestamp,
        change,
      };
}

/**
 * Summarises an instance: elements with an active element instance (the process itself
 * excluded), elements completed at least once, every token, whether an incident is open and
 * whether the instance is suspended.
 */
export function instanceSummary(state: InstanceState): InstanceSummary {
  return {
    processInstanceKey: state.processInstanceKey,
    processDefinitionKey: state.processDefinitionKey,
    processDefinitionId: state.processDefinitionId,
    state: state.state,
    activeElementIds: activeElementIds(state),
    completedElementIds: completedElementIds(state),
    tokens: tokensOf(state),
    hasIncident: hasOpenIncident(state),
    suspended: state.suspended === true,
  };
}

// for-in with an own-property check rather than Object.values: the same values in the same order,
// without an array made only to be walked once (these run for every event of every instance).

function activeElementIds(state: InstanceState): string[] {
  const active: string[] = [];
  const instances = state.elementInstances;
  for (const key in instances) {
    if (!Object.hasOwn(instances, key)) continue;
    const instance = instances[key]!;
    if (
      instance.elementType !== 'process' &&
      instance.state === 'ACTIVE' &&
      !active.includes(instance.elementId)
    )
      active.push(instance.elementId);
  }
  return active;
}

function completedElementIds(state: InstanceState): string[] {
  const completed = state.completedElementIds;
  return completed === undefined ? [] : completed.slice();
}

function tokensOf(state: InstanceState): Token[] {
  const tokens: Token[] = [];
  const all = state.tokens;
  for (const key in all) if (Object.hasOwn(all, key)) tokens.push(all[key]!);
  return tokens;
}

/** True when the instance has an unresolved incident. */
export function hasOpenIncident(state: InstanceState): boolean {
  const incidents = state.incidents;
  for (const key in incidents)
    if (Object.hasOwn(incidents, key) && incidents[key]!.state === 'ACTIVE') return true;
  return false;
}
