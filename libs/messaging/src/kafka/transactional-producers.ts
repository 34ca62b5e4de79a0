// The transactional producers of one transactional subscription: one per partition it holds, with
// the transactional id `${groupId}.${topic}.${partition}`. kafkajs's sendOffsets takes only a group
// id (no member or generation, KIP-447), so the producer epoch is what fences a partition's former
// owner: initialising the id aborts the former owner's open transaction (or waits for the one it
// was committing) and makes its later requests fail. Only then is the group's committed offset
// final, so it is read right after the init (kafkajs's own OffsetFetch may have been answered
// before a former owner's last commit landed).
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import type { KafkaBusLogger } from './kafka-logger';

/** A partition's initialised producer. */
export interface PartitionProducer {
  readonly partition: number;
  readonly transactionalId: string;
  readonly producer: Producer;
  /** The group's committed offset of the partition read right after the init; -1n when none. */
  readonly committedAtInit: bigint;
  /** Whether a batch's first offset was compared with `committedAtInit` yet. */
  positionChecked: boolean;
  /** The transaction in flight (never rejecting), which disconnecting waits for. */
  running: Promise<void> | undefined;
}

export interface TransactionalProducersOptions {
  readonly kafka: Kafka;
  readonly groupId: string;
  readonly topic: string;
  /** Retries of a failed request, as for the bus's producer. */
  readonly retries: number;
  readonly log: KafkaBusLogger;
  /** The group's committed offsets of the topic by partition, -1n for none. */
  readonly committedOffsets: () => Promise<ReadonlyMap<number, bigint>>;
}

export class TransactionalProducers {
  private readonly producers = new Map<number, Promise<PartitionProducer>>();
  private closed = false;

  constructor(readonly options: TransactionalProducersOptions) {}

  transactionalId(partition: number): string {
    const { groupId, topic } = this.options;
    return `${groupId}.${topic}.${partition}`;
  }

  /**
   * Starts new producers for the partitions this member holds in the group's new generation, and
   * closes the old ones. New even for a partition it held before: it may have been away from a
   * generation in which another member owned the partition and fenced the old producer. Starting at
   * once rather than on the first batch fences a former owner that died in the middle of a
   * transaction right away: read-committed consumers of the topics it wrote to wait for that
   * transaction to end, and an idle partition might bring no batch for a long time.
   */
  assigned(partitions: readonly number[]): void {
    for (const partition of [...this.producers.keys()]) this.discard(partition);
    for (const partition of partitions)
      this.acquire(partition).catch((error: unknown) =>
        this.options.log(
          'warn',
          `could not start the transactional producer ${this.transactionalId(partition)}; trying again on the partition's next batch`,
          { error },
        ),
      );
  }

  /** The partition's producer, started on first use; a start that failed is tried again next time. */
  acquire(partition: number): Promise<PartitionProducer> {
    if (this.closed) return Promise.reject(new Error(`the producers of ${this.options.topic} are closed`));
    const existing = this.producers.get(partition);
    if (existing) return existing;
    const started = this.start(partition);
    this.producers.set(partition, started);
    started.catch(() => {
      if (this.producers.get(partition) === started) this.producers.delete(partition);
    });
    return started;
  }

  /**
   * Whether `producer` is still its partition's producer, or was replaced by a newer one of this
   * member (whose init fenced it: no sign that another member took the partition).
   */
  async isCurrent(producer: PartitionProducer): Promise<boolean> {
    const current = this.producers.get(producer.partition);
    return !current || (await current.catch(() => undefined)) === producer;
  }

  /**
   * Forgets the partition's producer (it failed, was fenced, or the partition went elsewhere) and
   * disconnects it once its transaction in flight is over. The next acquire() starts a new one.
   */
  discard(partition: number): void {
    const producer = this.producers.get(partition);
    if (!producer) return;
    this.producers.delete(partition);
    void this.disconnect(producer);
  }

  /** Disconnects every producer, after its transaction in flight. */
  async close(): Promise<void> {
    this.closed = true;
    const producers = [...this.producers.values()];
    this.producers.clear();
    await Promise.all(producers.map((producer) => this.disconnect(producer)));
  }

  private async disconnect(starting: Promise<PartitionProducer>): Promise<void> {
    const started = await starting.catch(() => undefined);
    if (!started) return;
    await started.running;
    await started.producer
      .disconnect()
      .catch((error: unknown) =>
        this.options.log('debug', `disconnecting ${started.transactionalId} failed`, { error }),
      );
  }

  private async start(partition: number): Promise<PartitionProducer> {
    const { kafka, retries, committedOffsets } = this.options;
    const transactionalId = this.transactionalId(partition);
    const producer = kafka.producer({
      transactionalId,
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      // The next batch's transaction often begins while the broker still completes the previous
      // one (writing its markers), and is answered CONCURRENT_TRANSACTIONS until that is done, a few
      // ms: tried again after 5 ms, not the bus's 300 (which made a p99 of 330 ms per commit). Six
      // more retries keep the time before a call gives up (a broker away) about the bus's, 10 s.
      retry: { retries: retries + 6, initialRetryTime: 5, maxRetryTime: 5000 },
    });
    try {
      await producer.connect();
      // kafkajs initialises the transactional id in the first transaction() only. An empty one,
      // aborted at once, does it now: its abort sends nothing, as nothing was added to it.
      const empty = await producer.transaction();
      await empty.abort();
      const committedAtInit = (await committedOffsets()).get(partition) ?? -1n;
      return {
        partition,
        transactionalId,
        producer,
        committedAtInit,
        positionChecked: false,
        running: undefined,
      };
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
  }
}
