// The socket gateway's snapshot source on the engine of the same process: current instance states
// read from the engine service directly instead of over its REST API. Here, in the composition
// root, because the gateway does not depend on the engine (it declares SnapshotSource, the engine
// knows nothing of the gateway).
import { liveStateOfStoredInstance, type EngineService } from '@baton/engine';
import type { SnapshotSource } from '@baton/socket-gateway';

/** Snapshots read from an engine in the same process. */
export function engineSnapshotSource(
  engine: Pick<EngineService, 'getInstance' | 'searchInstances' | 'getDefinition'>,
): SnapshotSource {
  return {
    instance: async (processInstanceKey) => {
      const instance = await engine.getInstance(processInstanceKey);
      return instance && liveStateOfStoredInstance(instance);
    },
    activeInstances: async (processDefinitionId, limit) => {
      const found = await engine.searchInstances({
        filter: { processDefinitionId, state: 'ACTIVE' },
        page: { limit },
      });
      return found.items.map(liveStateOfStoredInstance);
    },
    starterRoles: async (processDefinitionKey) =>
      (await engine.getDefinition(processDefinitionKey))?.model.candidateStarterGroups,
  };
}
