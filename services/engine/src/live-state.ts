// The live state of an instance as the engine stores it: the summary the engine puts on
// `baton.instance.events.v1`, at the stored revision. Served by the live-state route and used by
// the socket gateway for subscribe snapshots when it runs in the engine's process.
import type { InstanceLiveState } from '@baton/contracts';
import type { StoredInstance } from './engine-service';

export function liveStateOfStoredInstance(instance: StoredInstance): InstanceLiveState {
  const active = new Set<string>();
  for (const element of Object.values(instance.elementInstances)) {
    if (element.elementType !== 'process' && element.state === 'ACTIVE') active.add(element.elementId);
  }
  return {
    processInstanceKey: instance.processInstanceKey,
    processDefinitionKey: instance.processDefinitionKey,
    processDefinitionId: instance.processDefinitionId,
    revision: instance.revision,
    state: instance.state,
    activeElementIds: [...active],
    completedElementIds: [...(instance.completedElementIds ?? [])],
    tokens: Object.values(instance.tokens).map((token) => ({
      tokenKey: token.tokenKey,
      parentTokenKey: token.parentTokenKey ?? null,
      elementId: token.elementId,
      state: token.state,
    })),
    hasIncident: Object.values(instance.incidents).some((incident) => incident.state === 'ACTIVE'),
    suspended: instance.suspended === true,
  };
}
