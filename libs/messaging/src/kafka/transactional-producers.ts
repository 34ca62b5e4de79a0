// The transactional producer of one transactional subscription's member: one for all the
// partitions the member holds in a generation of the group, so that the batches of one fetch go
// out in one Kafka transaction (a transaction costs the broker about 3 ms of CPU whatever it holds:
// with one per partition batch, eight partitions made Kafka the busiest process of the (b) benchmark).
// Two fences keep a former owner of a partition from committing once this member holds it:
// - the group coordinator refuses offsets committed for an older generation or a member it dropped
//   (KIP-447, kafka-group-fencing.ts), which aborts the former owner's whole transaction;
// - its producer's epoch: the transactional id is named after the lowest partition held
//   (`${groupId}.${topic}.${partition}`), and the ids named after the member's other partitions are
//   initialised once and dropped, so every id a former owner may have used is initialised by the
//   partition's new owner. That aborts at once a transaction a dead owner left open (read-committed
//   consumers of what it wrote would otherwise wait for the transaction timeout) and makes its
//   later requests fail.
// The committed offsets are read after both, as stable offsets: a transaction of a former owner
// still being committed is waited for, never read past.
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { isUnstableOffsetCommit } from './kafka-errors';
import { withStableOffsets } from './kafka-group-fencing';
import type { GroupMember } from './kafka-group-requests';
import type { KafkaBusLogger } from './kafka-logger';

/** The member's producer for one generation's partitions. */
export interface MemberProducer {
  readonly transactionalId: string;
  readonly producer: Producer;
  /** Whom the transactions' offsets are committed for. */
  readonly member: GroupMember;
  /** The transaction in flight (never rejecting), which disconnecting waits for. */
  running: Promise<void> | undefined;
}

/** A partition under its member's producer. */
export interface PartitionProducer {
  readonly partition: number;
  readonly transactionalId: string;
  readonly owner: MemberProducer;
  /** The group's committed offset of the partition read right after the init; -1n when none. */
  readonly committedAtInit: bigint;
  /** Whether a batch's first offset was compared with `committedAtInit` yet. */
  positionChecked: boolean;
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

/** How long a stable read waits for a former owner's open transaction (kafkajs's transaction timeout). */
const stableReadDeadlineMs = 65_000;

interface Started {
  readonly owner: MemberProducer;
  readonly partitions: ReadonlyMap<number, PartitionProducer>;
}

export class TransactionalProducers {
  private partitions: readonly number[] = [];
  private member: GroupMember | undefined;
  private current: Promise<Started> | undefined;
  /** The owner of `current` once it started (handles exist only from then on). */
  private currentOwner: MemberProducer | undefined;
  private closed = false;

  constructor(readonly options: TransactionalProducersOptions) {}

  transactionalId(partition: number): string {
    const { groupId, topic } = this.options;
    return `${groupId}.${topic}.${partition}`;
  }

  /**
   * Starts a new producer for the partitions this member holds in the group's new generation, and
   * closes the old one. New even when the partitions did not change: the old one's transactions
   * belong to the old generation. Starting at once rather than on the first batch fences a former
   * owner that died in the middle of a transaction right away.
   */
  assigned(partitions: readonly number[], member: GroupMember): void {
    this.discardCurrent();
    this.partitions = [...partitions].sort((a, b) => a - b);
    this.member = member;
    if (this.partitions.length === 0) return;
    this.acquire(this.partitions[0] ?? 0).catch((error: unknown) =>
      this.options.log(
        'warn',
        `could not start the transactional producer ${this.transactionalId(this.partitions[0] ?? 0)}; trying again on the next batch`,
        { error },
      ),
    );
  }

  /** The partition's producer, started on first use; a start that failed is tried again next time. */
  async acquire(partition: number): Promise<PartitionProducer> {
    if (this.closed) throw new Error(`the producers of ${this.options.topic} are closed`);
    const { member } = this;
    if (!member || !this.partitions.includes(partition))
      throw new Error(`${this.options.topic}[${partition}] is not held by this member`);
    let started = this.current;
    if (!started) {
      const starting = this.start(this.partitions, member);
      this.current = started = starting;
      starting.then(
        ({ owner }) => {
          if (this.current === starting) this.currentOwner = owner;
        },
        () => {
          if (this.current === starting) this.current = undefined;
        },
      );
    }
    const found = (await started).partitions.get(partition);
    if (!found) throw new Error(`${this.options.topic}[${partition}] is not held by this member`);
    return found;
  }

  /**
   * Whether `producer` is still its partition's producer, or was replaced by a newer one of this
   * member (whose init fenced it: no sign that another member took the partition).
   */
  async isCurrent(producer: PartitionProducer): Promise<boolean> {
    const current = this.current;
    return !current || (await current.catch(() => undefined))?.owner === producer.owner;
  }

  /**
   * Forgets the member's producer (it failed, was fenced, or the partitions went elsewhere) and
   * disconnects it once its transaction in flight is over. The next acquire() starts a new one.
   */
  discard(producer: PartitionProducer): void {
    if (this.currentOwner === producer.owner) this.discardCurrent();
  }

  /** Disconnects the producer, after its transaction in flight. */
  async close(): Promise<void> {
    this.closed = true;
    const current = this.current;
    this.current = undefined;
    this.currentOwner = undefined;
    if (current) await this.disconnect(current);
  }

  private discardCurrent(): void {
    const current = this.current;
    this.current = undefined;
    this.currentOwner = undefined;
    if (current) void this.disconnect(current);
  }

  private async disconnect(starting: Promise<Started>): Promise<void> {
    const started = await starting.catch(() => undefined);
    if (!started) return;
    await started.owner.running;
    await started.owner.producer
      .disconnect()
      .catch((error: unknown) =>
        this.options.log('debug', `disconnecting ${started.owner.transactionalId} failed`, { error }),
      );
  }

  private async start(partitions: readonly number[], member: GroupMember): Promise<Started> {
    const [lowest, ...others] = partitions;
    if (lowest === undefined) throw new Error(`no partition of ${this.options.topic} is held`);
    const transactionalId = this.transactionalId(lowest);
    const producer = await this.initialised(transactionalId);
    try {
      await Promise.all(others.map((partition) => this.fence(this.transactionalId(partition))));
      const committed = await this.stableCommittedOffsets();
      const owner: MemberProducer = { transactionalId, producer, member, running: undefined };
      const byPartition = new Map<number, PartitionProducer>();
      for (const partition of partitions)
        byPartition.set(partition, {
          partition,
          transactionalId,
          owner,
          committedAtInit: committed.get(partition) ?? -1n,
          positionChecked: false,
        });
      return { owner, partitions: byPartition };
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  /** Initialises a transactional id once, which aborts a transaction a former user left open, and lets it go. */
  private async fence(transactionalId: string): Promise<void> {
    const producer = await this.initialised(transactionalId);
    await producer.disconnect().catch(() => undefined);
  }

  private async initialised(transactionalId: string): Promise<Producer> {
    const producer = this.options.kafka.producer({
      transactionalId,
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      // The next batch's transaction often begins while the broker still completes the previous
      // one (writing its markers), and is answered CONCURRENT_TRANSACTIONS until that is done, a few
      // ms: tried again after 5 ms, not the bus's 300 (which made a p99 of 330 ms per commit). Six
      // more retries keep the time before a call gives up (a broker away) about the bus's, 10 s.
      retry: { retries: this.options.retries + 6, initialRetryTime: 5, maxRetryTime: 5000 },
    });
    try {
      await producer.connect();
      // kafkajs initialises the transactional id in the first transaction() only. An empty one,
      // aborted at once, does it now: its abort sends nothing, as nothing was added to it.
      const empty = await producer.transaction();
      await empty.abort();
      return producer;
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  /** The committed offsets once no open transaction holds any of them. */
  private async stableCommittedOffsets(): Promise<ReadonlyMap<number, bigint>> {
    const deadline = Date.now() + stableReadDeadlineMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return await withStableOffsets(this.options.groupId, this.options.committedOffsets);
      } catch (error) {
        if (!isUnstableOffsetCommit(error) || Date.now() > deadline || this.closed) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.min(500, 10 * 2 ** attempt)));
      }
    }
  }
}
