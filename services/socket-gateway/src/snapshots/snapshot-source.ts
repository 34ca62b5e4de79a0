// Where the gateway reads current states for subscribe answers and resyncs: in-process from the
// engine service (the standalone builds that source), or over the engine's REST API (a separate
// gateway, rest-snapshot-source.ts).
import type { InstanceLiveState } from '@baton/contracts';

export interface SnapshotSource {
  /** The current state of an instance; undefined when the engine does not know it (yet). */
  instance(processInstanceKey: string): Promise<InstanceLiveState | undefined>;
  /** The active instances of a process id (any version), at most `limit`. */
  activeInstances(processDefinitionId: string, limit: number): Promise<InstanceLiveState[]>;
  /** The starter roles of a definition (who may see its instances); undefined when unknown. */
  starterRoles(processDefinitionKey: string): Promise<readonly string[] | undefined>;
}
