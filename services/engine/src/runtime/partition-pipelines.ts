// Lets a partition's command batches run ahead of their snapshot (docs/architecture.md, step 6e).
// Once a batch's Kafka transaction committed, what it changed is decided; storing it (user tasks,
// subscriptions and timers, then the snapshot write, then the replies and the checkpoint) can go
// on while the partition's next batch is applied and committed. Within a partition the stages
// keep the log's order: a batch's side effects run after the previous batch's and its snapshot
// part is queued after the previous part (so a later write never carries an older version), and
// its replies and checkpoint follow the previous batch's. Parts of several batches waiting for the
// writer together go in one write, which is where an instance created and completed close
// together is written once.
//
// A partition whose store failed stops: nothing after it runs (a checkpoint confirmed past a batch
// that was not stored would hide it from the replay), and the failure is reported once.

/** How one committed batch is stored, in three stages. */
export interface BatchStages {
  /** The side stores (user tasks, subscriptions, timers); retried by the caller as it sees fit. */
  sideEffects(): Promise<void>;
  /** Queues the batch's snapshot part (synchronously) and resolves once it is written. */
  write(): Promise<void>;
  /** Replies, wake-ups and the checkpoint confirmation, after the write. */
  announce(): Promise<void>;
}

export interface PartitionPipelinesOptions {
  /**
   * Most batches of one partition committed and not yet announced; the next batch waits below it,
   * which bounds memory and keeps a slow database from letting the log run far ahead.
   */
  readonly maxPendingBatches: number;
  /** Told once when a partition's store fails; its later batches are not stored. */
  readonly onFailure: (partition: number, error: unknown) => void;
}

interface Lane {
  /** Settles once the last pushed batch's part is queued with the writer (or its lane failed). */
  queuedTail: Promise<void>;
  /** Settles once the last pushed batch is announced (or its lane failed). */
  announcedTail: Promise<void>;
  pending: number;
  failure: { readonly error: unknown } | undefined;
  readonly waiting: (() => void)[];
}

const settled = Promise.resolve();

export class PartitionPipelines {
  private readonly lanes = new Map<number, Lane>();

  constructor(private readonly options: PartitionPipelinesOptions) {}

  /** The failure that stopped the partition's store, if one did. */
  failureOf(partition: number): { readonly error: unknown } | undefined {
    return this.lanes.get(partition)?.failure;
  }

  /**
   * Starts storing a committed batch behind the partition's earlier ones. Resolves once the
   * partition may take its next batch: at once, or when fewer than `maxPendingBatches` are pending.
   */
  async push(partition: number, stages: BatchStages): Promise<void> {
    const lane = this.laneOf(partition);
    lane.pending += 1;
    let written: Promise<void> = settled;
    const queued = lane.queuedTail.then(async () => {
      this.throwIfFailed(lane);
      await stages.sideEffects();
      this.throwIfFailed(lane);
      written = stages.write();
    });
    lane.queuedTail = queued.catch(() => undefined);
    const announced = Promise.all([lane.announcedTail, queued]).then(async () => {
      await written;
      this.throwIfFailed(lane);
      await stages.announce();
    });
    lane.announcedTail = announced.catch(() => undefined);
    announced
      .catch((error: unknown) => this.fail(partition, lane, error))
      .finally(() => {
        lane.pending -= 1;
        lane.waiting.shift()?.();
      });
    while (lane.pending >= this.options.maxPendingBatches && !lane.failure)
      await new Promise<void>((resolve) => lane.waiting.push(resolve));
  }

  /** Resolves once every batch pushed so far (of one partition, or of all) is stored or failed. */
  async drained(partition?: number): Promise<void> {
    const lanes = partition === undefined ? [...this.lanes.values()] : [this.lanes.get(partition)];
    await Promise.all(lanes.map((lane) => lane?.announcedTail ?? settled));
  }

  /** Forgets a partition's lane (after it was drained), so that a later owner starts afresh. */
  reset(partition: number): void {
    const lane = this.lanes.get(partition);
    if (lane && lane.pending === 0) this.lanes.delete(partition);
  }

  private laneOf(partition: number): Lane {
    let lane = this.lanes.get(partition);
    if (!lane) {
      lane = {
        queuedTail: settled,
        announcedTail: settled,
        pending: 0,
        failure: undefined,
        waiting: [],
      };
      this.lanes.set(partition, lane);
    }
    return lane;
  }

  private throwIfFailed(lane: Lane): void {
    if (lane.failure) throw new PartitionStoppedError();
  }

  private fail(partition: number, lane: Lane, error: unknown): void {
    if (lane.failure) return;
    lane.failure = { error };
    for (const wake of lane.waiting.splice(0)) wake();
    this.options.onFailure(partition, error);
  }
}

/** A batch not stored because an earlier batch of its partition failed to be. */
export class PartitionStoppedError extends Error {
  override readonly name = 'PartitionStoppedError';

  constructor() {
    super('an earlier batch of this partition could not be stored');
  }
}
