// Deployments and suspensions made through one replica, told to the others over
// `baton.engine.definition-changes.v1` (every replica reads it in a group of its own), so that each
// answers creates from memory (known-definitions.ts, the suspension registry) without going stale:
// a replica drops the latest versions of the ids deployed elsewhere and reads the suspensions again.
// A replica alone on its bus (the embedded default) has no one to tell and listens to no one.
import { produceTo, subscribeTo, type MessageBus, type Subscription } from '@baton/messaging';
import type { BatonTopics, DefinitionChangeMessage } from '@baton/topics';

export interface DefinitionChangesOptions {
  readonly bus: MessageBus;
  readonly topic: BatonTopics['definitionChanges'];
  readonly replicaId: string;
  /** Whether other replicas share the bus: without them nothing is sent or read. */
  readonly crossReplica: boolean;
  readonly onDeployedElsewhere: (processDefinitionIds: readonly string[]) => void;
  readonly onSuspensionChangedElsewhere: () => Promise<void>;
  /** The clock was pinned (a time) or reset (null) through another replica. */
  readonly onClockChangedElsewhere?: (pinnedAt: number | null) => void;
  /** Process definitions were deleted through another replica. */
  readonly onDeletedElsewhere?: (
    processDefinitionIds: readonly string[],
    processDefinitionKeys: readonly string[],
  ) => void;
}

export class DefinitionChanges {
  private subscription?: Subscription;

  constructor(private readonly options: DefinitionChangesOptions) {}

  async start(): Promise<void> {
    if (!this.options.crossReplica) return;
    this.subscription = await subscribeTo(this.options.bus, this.options.topic, {
      groupId: `baton-definition-changes-${this.options.replicaId}`,
      deleteGroupOnClose: true,
      eachBatch: async (batch) => {
        const changes = batch.messages
          .map((message) => message.value)
          .filter((change) => change.replicaId !== this.options.replicaId);
        const deployed = changes.flatMap((change) =>
          change.change === 'DEPLOYED' ? change.processDefinitionIds : [],
        );
        if (deployed.length > 0) this.options.onDeployedElsewhere(deployed);
        if (changes.some((change) => change.change === 'SUSPENSION_CHANGED'))
          await this.options.onSuspensionChangedElsewhere();
        for (const change of changes) {
          if (change.change === 'CLOCK_CHANGED')
            this.options.onClockChangedElsewhere?.(change.pinnedAt ?? null);
          if (change.change === 'DELETED')
            this.options.onDeletedElsewhere?.(
              change.processDefinitionIds,
              change.processDefinitionKeys ?? [],
            );
        }
      },
    });
  }

  deployed(processDefinitionIds: readonly string[]): Promise<void> {
    return this.announce({ change: 'DEPLOYED', processDefinitionIds: [...new Set(processDefinitionIds)] });
  }

  suspensionChanged(): Promise<void> {
    return this.announce({ change: 'SUSPENSION_CHANGED', processDefinitionIds: [] });
  }

  /** Tells the other replicas the clock was pinned at `pinnedAt`, or reset (null). */
  clockChanged(pinnedAt: number | null): Promise<void> {
    return this.announce({ change: 'CLOCK_CHANGED', processDefinitionIds: [], pinnedAt });
  }

  /** Tells the other replicas these process definitions were deleted. */
  deleted(processDefinitionIds: readonly string[], processDefinitionKeys: readonly string[]): Promise<void> {
    return this.announce({
      change: 'DELETED',
      processDefinitionIds: [...new Set(processDefinitionIds)],
      processDefinitionKeys: [...processDefinitionKeys],
    });
  }

  async close(): Promise<void> {
    await this.subscription?.close();
  }

  private async announce(change: Omit<DefinitionChangeMessage, 'replicaId'>): Promise<void> {
    if (!this.options.crossReplica) return;
    const value = { ...change, replicaId: this.options.replicaId };
    await produceTo(this.options.bus, this.options.topic, [
      { key: change.processDefinitionIds[0] ?? this.options.replicaId, value },
    ]);
  }
}
