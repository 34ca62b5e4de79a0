// The live state of an instance as the engine stores it: the summary the engine puts on
// `baton.instance.events.v1`, at the stored revision. Served by the live-state route and used by
// the socket gateway for subscribe snapshots when it runs in the engine's process.
import { toInstanceLiveState, type InstanceLiveState } from '@baton/contracts';
import { instanceSummary } from '@baton/engine-core';
import type { StoredInstance } from './engine-service';

export function liveStateOfStoredInstance(instance: StoredInstance): InstanceLiveState {
  return toInstanceLiveState(instanceSummary(instance), instance.revision);
}
