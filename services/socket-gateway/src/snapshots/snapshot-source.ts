// Where the gateway reads current states for subscribe answers and resyncs: in-process from the
// engine service (the standalone), or over the engine's REST API (a separate gateway).
import type { InstanceLiveState } from '@baton/contracts';
import { liveStateOfStoredInstance, type EngineService } from '@baton/engine';

export interface SnapshotSource {
  /** The current state of an instance; undefined when the engine does not know it (yet). */
  instance(processInstanceKey: string): Promise<InstanceLiveState | undefined>;
  /** The active instances of a process id (any version), at most `limit`. */
  activeInstances(processDefinitionId: string, limit: number): Promise<InstanceLiveState[]>;
  /** The starter roles of a definition (who may see its instances); undefined when unknown. */
  starterRoles(processDefinitionKey: string): Promise<readonly string[] | undefined>;
}

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
