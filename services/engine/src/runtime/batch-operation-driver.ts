// Applies the items of batch operations, in the background, through the normal commands — and
// applies each once, even across a failover. Which replica drives an operation is a lease in the
// batch operation store: the replica that created an operation drives it at once; every replica
// looks for operations left unfinished every `pollMs` (and at start), and takes over one whose
// driver stopped renewing its lease. A driver renews the lease before each chunk of items and stops
// when it lost it, or when the operation was suspended or canceled.
//
// Exactly once: an item's command carries an id derived from the operation and the item
// (batch-item-commands.ts). Before sending, the driver looks whether the instance document lists
// that id among the commands it applied — a driver before the failover sent it and died before
// recording the outcome — and then records the item COMPLETED without sending. A command sent
// again while the first is still on its way is skipped by the owner (batch-application.ts) and
// answers nothing; the driver, unanswered, looks at the document again.
import { BatonError, type EngineCommand } from '@baton/contracts';
import type {
  BatchItemOutcome,
  BatchOperationItem,
  BatchOperationRecord,
  BatchOperationStore,
  InstanceStore,
} from '@baton/store';
import { driverLeaseFree, drivenBatchOperationStates } from '@baton/store';
import { processInstanceNotFoundMessage } from '../errors';
import { stateOf } from './batch-application';
import { batchItemCommand, batchItemCommandId } from './batch-item-commands';

export interface BatchOperationDriverOptions {
  readonly store: BatchOperationStore;
  readonly instances: Pick<InstanceStore, 'get'>;
  /** Sends a command and waits for it to be applied; a rejection throws its BatonError. */
  readonly sendAndAwait: (command: EngineCommand) => Promise<void>;
  readonly replicaId: string;
  /** The engine clock: the dates of items and operations. */
  readonly clock: () => number;
  /**
   * Real time, for leases: a pinned engine clock must not keep a dead driver's lease alive.
   * @default Date.now
   */
  readonly now?: () => number;
  /**
   * How long a driver's lease holds without renewal, ms: how soon another replica takes over an
   * operation whose driver died. A driver renews it before every chunk of `concurrency` items, each
   * answered or given up within the send's timeout (10 s in the engine's wiring).
   * @default 15000
   */
  readonly leaseMs?: number;
  /**
   * How often every replica looks for operations no live driver holds, ms.
   * @default 5000
   */
  readonly pollMs?: number;
  /**
   * Items applied at once by one driver (each is one command and its answer). The commands of a
   * chunk share the owners' batches, and a chunk takes about one command's answer time however
   * many it holds; at 8, a cancellation on Kafka + FerretDB went at about 11 items a second.
   * @default 32
   */
  readonly concurrency?: number;
  /** Where a failed look or item is reported (the item is tried again). */
  readonly onError: (message: string, error: unknown) => void;
}

/** How long a driver waits after a chunk in which no item could be applied, ms. */
const BACK_OFF_MS = 1000;

export class BatchOperationDriver {
  private readonly driving = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: BatchOperationDriverOptions) {}

  private get now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Looks for unfinished operations at once (a restart resumes its own), then every `pollMs`. */
  start(): void {
    void this.lookForWork();
  }

  /** Drives an operation now, unless this replica drives it already. */
  drive(batchOperationKey: string): void {
    if (this.closed || this.driving.has(batchOperationKey)) return;
    const run = this.run(batchOperationKey)
      .catch((error: unknown) => this.options.onError(`batch operation ${batchOperationKey} stopped`, error))
      .finally(() => this.driving.delete(batchOperationKey));
    this.driving.set(batchOperationKey, run);
  }

  /** Whether this replica is driving the operation now. */
  isDriving(batchOperationKey: string): boolean {
    return this.driving.has(batchOperationKey);
  }

  /** Stops taking items; waits for the items in flight. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.all(this.driving.values());
  }

  private async lookForWork(): Promise<void> {
    try {
      for (const operation of await this.options.store.unfinished())
        if (driverLeaseFree(operation, this.options.replicaId, this.now))
          this.drive(operation.batchOperationKey);
    } catch (error) {
      this.options.onError('looking for unfinished batch operations failed; trying again', error);
    }
    if (this.closed) return;
    this.timer = setTimeout(() => void this.lookForWork(), this.options.pollMs ?? 5_000);
    this.timer.unref();
  }

  /** Chunk by chunk, each after renewing the lease, until no item is left or the driver must stop. */
  private async run(batchOperationKey: string): Promise<void> {
    const { store, replicaId } = this.options;
    const concurrency = this.options.concurrency ?? 32;
    while (!this.closed) {
      if (!(await store.claimDriver(batchOperationKey, replicaId, this.now, this.options.leaseMs ?? 15_000)))
        return;
      const operation = await store.get(batchOperationKey);
      if (!operation || !drivenBatchOperationStates.includes(operation.state)) return;
      if (operation.state === 'CREATED')
        await store.transition(batchOperationKey, ['CREATED'], { state: 'ACTIVE' });
      const pending = await store.pendingItems(batchOperationKey, concurrency);
      if (pending.length === 0) {
        await store.transition(batchOperationKey, drivenBatchOperationStates, {
          state: 'COMPLETED',
          endDate: this.isoNow(),
        });
        return;
      }
      const applied = await Promise.all(pending.map((item) => this.applyItem(operation, item)));
      if (!applied.some(Boolean)) await new Promise((resolve) => setTimeout(resolve, BACK_OFF_MS));
    }
  }

  /** Whether the item got its outcome (false: it stays ACTIVE and is tried again). */
  private async applyItem(operation: BatchOperationRecord, item: BatchOperationItem): Promise<boolean> {
    try {
      const outcome = await this.outcomeOf(operation, item);
      await this.options.store.finishItem(operation.batchOperationKey, item.itemKey, {
        ...outcome,
        processedDate: this.isoNow(),
      });
      return true;
    } catch (error) {
      this.options.onError(
        `batch operation ${operation.batchOperationKey}: item ${item.itemKey} is tried again`,
        error,
      );
      return false;
    }
  }

  private async outcomeOf(
    operation: BatchOperationRecord,
    item: BatchOperationItem,
  ): Promise<Omit<BatchItemOutcome, 'processedDate'>> {
    const commandId = batchItemCommandId(operation.batchOperationKey, item.itemKey);
    const document = await this.options.instances.get(item.processInstanceKey);
    if (!document)
      return { state: 'FAILED', errorMessage: processInstanceNotFoundMessage(item.processInstanceKey) };
    if (document.appliedCommandIds.includes(commandId)) return { state: 'COMPLETED' };
    try {
      const command = batchItemCommand(operation, item, stateOf(document));
      if (!command) return { state: 'COMPLETED' };
      await this.options.sendAndAwait(command);
      return { state: 'COMPLETED' };
    } catch (error) {
      if (error instanceof BatonError && error.code !== 'DEADLINE_EXCEEDED' && error.code !== 'INTERNAL')
        return { state: 'FAILED', errorMessage: error.message };
      // No answer: applied with the answer lost (the command was a second copy), or not yet.
      const after = await this.options.instances.get(item.processInstanceKey);
      if (after?.appliedCommandIds.includes(commandId)) return { state: 'COMPLETED' };
      throw error;
    }
  }

  private isoNow(): string {
    return new Date(this.options.clock()).toISOString();
  }
}
