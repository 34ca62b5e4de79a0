// A signal broadcast reaches every waiting signal catch of every partition exactly once, on Kafka
// too, as Zeebe does it: the broadcast is a command (DELIVER_SIGNAL) appended to every partition of
// the commands topic, and each partition's owner, reaching it in the log, triggers the catches of its
// partition that wait then. Any catch committed before the command in that partition is triggered,
// whether or not its subscription is stored yet; none twice.
//
// Why not read the stored subscriptions where the broadcast is made (as Baton did): a partition's
// subscriptions are stored after its batch's commit, so a catch committed but not yet stored missed
// a broadcast made in that window. Here the owner answers for its own partition, at a log position:
// - what waits before the command is the stored subscriptions of the partition, the changes of the
//   partition's batches committed but not yet stored (this replica made them: `committed` records
//   them at their publish, `stored` forgets them once written — read in that order, so a batch
//   stored between the two reads is seen in one of them), and the changes the commands before it
//   in its own batch made (batch-application.ts hands them with the delivery);
// - its TRIGGER_SIGNAL commands go into the batch's Kafka transaction, with commandId
//   `signal:<signalKey>:<subscription key>`: committed with the batch or not at all, applied after
//   it in log order (refused by a catch that stopped waiting meanwhile, a repeat a no-op);
// - a replay after a failover sends nothing again (the batch's Kafka output went out with its
//   commit), and a batch that was not committed is applied again by the next owner from the same
//   log position, with the subscriptions as stored up to there: the same catches are triggered.
// A catch committed after the command in its partition is not triggered (as in Zeebe).
import type { EngineCommand } from '@baton/contracts';
import type { Effect, SignalSubscription } from '@baton/engine-core';
import type { SignalSubscriptionStore } from '@baton/store';
import type { SignalBroadcast, SignalSubscriptionChange } from './signal-changes';

/** A DELIVER_SIGNAL command reached in a batch: what its partition's owner must trigger. */
export interface SignalDeliveryEffect extends SignalBroadcast {
  readonly type: 'SIGNAL_DELIVERY';
  readonly partition: number;
  /** The changes of the commands before it in its batch, in log order. */
  readonly before: readonly SignalSubscriptionChange[];
}

/** The effects of a batch: the core's, and the signal deliveries the runtime found in it. */
export type BatchEffect = Effect | SignalDeliveryEffect;

export function isCoreEffect(effect: BatchEffect): effect is Effect {
  return effect.type !== 'SIGNAL_DELIVERY';
}

/** The partitions of the commands topic. */
export interface CommandPartitions {
  readonly count: number;
  /** The partition a key is on, as the bus's producer places it. */
  readonly of: (key: string) => number;
}

export interface SignalDeliveriesOptions {
  readonly store: Pick<SignalSubscriptionStore, 'find'>;
  readonly commandPartitions: CommandPartitions;
}

export class SignalDeliveries {
  private readonly routingKeys: string[] = [];
  /** Changes of batches published, not yet stored, by subscription key (the last change wins). */
  private readonly unstored = new Map<string, SignalSubscriptionChange>();

  constructor(private readonly options: SignalDeliveriesOptions) {}

  /** One DELIVER_SIGNAL per partition of the commands topic. */
  commandsFor(signal: SignalBroadcast): EngineCommand[] {
    return Array.from({ length: this.options.commandPartitions.count }, (_, partition) => ({
      type: 'DELIVER_SIGNAL',
      commandId: `signal-delivery:${signal.signalKey}:${partition}`,
      processInstanceKey: this.routingKey(partition),
      partition,
      signalKey: signal.signalKey,
      signalName: signal.signalName,
      variables: signal.variables,
      tenantId: signal.tenantId,
    }));
  }

  /** The TRIGGER_SIGNAL commands a delivery sends: one per catch of its partition waiting at it. */
  async triggersFor(delivery: SignalDeliveryEffect): Promise<EngineCommand[]> {
    // Copied before the store is read: a batch stored in between is in the copy or in the read.
    const unstored = [...this.unstored.values()];
    const waiting = new Map<string, SignalSubscription>();
    const apply = (change: SignalSubscriptionChange) => {
      if (!this.concerns(delivery, change.subscription)) return;
      const key = change.subscription.elementInstanceKey;
      if (change.kind === 'open') waiting.set(key, change.subscription);
      else waiting.delete(key);
    };
    for (const subscription of await this.options.store.find(delivery.signalName, delivery.tenantId))
      apply({ kind: 'open', subscription });
    for (const change of unstored) apply(change);
    for (const change of delivery.before) apply(change);
    return [...waiting.values()].map((subscription) => ({
      type: 'TRIGGER_SIGNAL',
      commandId: `signal:${delivery.signalKey}:${subscription.elementInstanceKey}`,
      processInstanceKey: subscription.processInstanceKey,
      elementInstanceKey: subscription.elementInstanceKey,
      signalKey: delivery.signalKey,
      signalName: delivery.signalName,
      variables: delivery.variables,
    }));
  }

  /** A batch's changes, published in its transaction: waiting (or not) until they are stored. */
  committed(changes: readonly SignalSubscriptionChange[]): void {
    for (const change of changes) this.unstored.set(change.subscription.elementInstanceKey, change);
  }

  /**
   * A batch's changes, now stored. A change of a batch whose commit failed stays: harmless, as the
   * log applies the same change again (keys are never reused) and a trigger of a catch that does
   * not wait is refused.
   */
  stored(changes: readonly SignalSubscriptionChange[]): void {
    for (const change of changes) {
      const key = change.subscription.elementInstanceKey;
      if (this.unstored.get(key) === change) this.unstored.delete(key);
    }
  }

  private concerns(delivery: SignalDeliveryEffect, subscription: SignalSubscription): boolean {
    return (
      subscription.signalName === delivery.signalName &&
      subscription.tenantId === delivery.tenantId &&
      this.options.commandPartitions.of(subscription.processInstanceKey) === delivery.partition
    );
  }

  /** A key on `partition`: the smallest decimal one (never an instance's: those are large). */
  private routingKey(partition: number): string {
    const { count, of } = this.options.commandPartitions;
    if (this.routingKeys.length === 0) {
      const found = new Map<number, string>();
      for (let n = 0; found.size < count && n < 1_000_000; n++) {
        const partitionOfKey = of(String(n));
        if (!found.has(partitionOfKey)) found.set(partitionOfKey, String(n));
      }
      for (let p = 0; p < count; p++) {
        const key = found.get(p);
        if (key === undefined) throw new Error(`No key of the commands topic lands on partition ${p}.`);
        this.routingKeys.push(key);
      }
    }
    return this.routingKeys[partition]!;
  }
}
