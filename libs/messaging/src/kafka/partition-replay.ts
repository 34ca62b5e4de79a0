// The replay hook of subscribeTransactional() on Kafka. When this member starts on a partition it
// did not hold, the partition's new transactional producer has fenced any former owner and read
// the group's committed offset O (transactional-producers.ts): that is when replayFrom is asked.
// An answer F below O rewinds the consumer to F, and the fetched messages below O go to
// replayBatch, outside any transaction (the consumer itself commits nothing), the rest to eachBatch.
// The end is an offset, never an awaited message: offsets below O may be control records or
// aborted messages, which a read-committed consumer never hands over.
import type { ConsumedMessage } from '../message-bus';
import { replayStart, type ReplayHandlers } from '../replay-options';
import type { Rewind } from './batch-delivery';
import type { KafkaBusLogger } from './kafka-logger';
import type { PartitionProducer, TransactionalProducers } from './transactional-producers';

export interface PartitionReplaysOptions {
  readonly topic: string;
  readonly groupId: string;
  /** The subscription's replay hook; without one nothing is asked or replayed. */
  readonly handlers: ReplayHandlers | undefined;
  readonly producers: TransactionalProducers;
  /** The offset of the oldest message Kafka still keeps of the partition (its log start offset). */
  readonly oldestKept: (partition: number) => Promise<bigint>;
  readonly log: KafkaBusLogger;
  /** Back-off of a question that failed, as for a failed batch. */
  readonly retryDelayMs: number;
  readonly maxRetryDelayMs: number;
}

/** A replay decided for a partition: the messages [next, until) are still to go to replayBatch. */
interface ReplayPlan {
  next: bigint;
  /** The group's committed offset when the replay was decided. */
  readonly until: bigint;
}

/** What to do with a partition's first batch under a new producer: deliver it, drop it, or rewind. */
export type FirstBatchPosition = 'deliver' | 'stale' | bigint;

/** The partition's ownership changed while replayFrom was being asked: its answer is of no use. */
class ReplayQuestionSupersededError extends Error {
  override readonly name = 'ReplayQuestionSupersededError';

  constructor(topic: string, partition: number) {
    super(`the group rebalanced while replayFrom was asked for ${topic}[${partition}]; asking again`);
  }
}

export class PartitionReplays {
  /** Counts the joins of the group: an answer asked for in an earlier one is not applied. */
  private generation = 0;
  private held: ReadonlySet<number> = new Set();
  /** Held partitions whose holder is still to be asked (taken over, or its producer was fenced). */
  private readonly owed = new Set<number>();
  /** The group's committed offset as this member last knew it: at a producer's start, or its own commit. */
  private readonly known = new Map<number, bigint>();
  private readonly plans = new Map<number, ReplayPlan>();
  /** The question asked for a producer (at most one at a time); a failed one is forgotten. */
  private readonly decisions = new WeakMap<PartitionProducer, Promise<void>>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly options: PartitionReplaysOptions) {}

  /**
   * The partitions this member holds after a join. The ones it did not hold before are owed a
   * question; every held one is prepared at once (in the background), so that a replay starts
   * without waiting for a new message on the partition, and one in progress goes on from where it
   * was (kafkajs reads a partition from the committed offset after each join).
   */
  assigned(partitions: readonly number[], rewind: Rewind): void {
    this.generation++;
    const now = new Set(partitions);
    for (const partition of [...this.owed, ...this.plans.keys(), ...this.known.keys()])
      if (!now.has(partition)) this.forget(partition);
    for (const partition of partitions) if (!this.held.has(partition)) this.owed.add(partition);
    this.held = now;
    if (this.options.handlers)
      for (const partition of partitions) void this.prepare(partition, this.generation, rewind, 0);
  }

  /**
   * This member's producer of the partition was fenced: another member took it, and may have
   * handled messages since. Should the partition stay or come back, its holder is asked again.
   */
  lost(partition: number): void {
    this.plans.delete(partition);
    this.known.delete(partition);
    this.owed.add(partition);
  }

  /** This member committed the partition's offsets up to `next` (a replay, if any, is over). */
  committed(partition: number, next: bigint): void {
    this.known.set(partition, next);
    this.plans.delete(partition);
  }

  /**
   * Where the partition's first batch under `producer` belongs, once the question is settled: at
   * the replay's next offset while one is to go on, else at the committed offset when the batch
   * was fetched from before it (a former owner committed past it meanwhile). 'stale' when a rewind
   * is pending, which fetches the partition again.
   */
  async firstBatch(
    producer: PartitionProducer,
    firstOffset: bigint,
    isStale: () => boolean,
  ): Promise<FirstBatchPosition> {
    await this.decide(producer);
    if (isStale()) return 'stale';
    if (producer.positionChecked) return 'deliver';
    producer.positionChecked = true;
    const plan = this.pendingPlan(producer.partition);
    if (plan) return firstOffset === plan.next ? 'deliver' : plan.next;
    return producer.committedAtInit > firstOffset ? producer.committedAtInit : 'deliver';
  }

  /**
   * Hands the batch's messages below the replay's end to replayBatch (those not replayed yet), and
   * returns that end: the batch belongs to eachBatch from there. Undefined when no replay concerns
   * the batch. `messages` are the batch's valid ones: the invalid ones are left out of a replay.
   */
  async replay(
    partition: number,
    firstOffset: bigint,
    nextOffset: bigint,
    messages: readonly ConsumedMessage[],
  ): Promise<bigint | undefined> {
    const plan = this.plans.get(partition);
    const handlers = this.options.handlers;
    if (!plan || !handlers || firstOffset >= plan.until) return undefined;
    const replayed = messages.filter((message) => {
      const offset = BigInt(message.offset);
      return offset >= plan.next && offset < plan.until;
    });
    if (replayed.length > 0)
      await handlers.replayBatch({ topic: this.options.topic, partition, messages: replayed });
    const reached = nextOffset < plan.until ? nextOffset : plan.until;
    if (reached > plan.next) plan.next = reached;
    return plan.until;
  }

  close(): void {
    this.closed = true;
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
  }

  private forget(partition: number): void {
    this.owed.delete(partition);
    this.plans.delete(partition);
    this.known.delete(partition);
  }

  /** The partition's replay while messages are left to replay. */
  private pendingPlan(partition: number): ReplayPlan | undefined {
    const plan = this.plans.get(partition);
    return plan && plan.next < plan.until ? plan : undefined;
  }

  /**
   * Settles the question for a partition of this join: rewinds the consumer to the replay's next
   * offset when there is one (unless the partition's first batch was placed already). A failed
   * question is asked again after a back-off while the join stands.
   */
  private async prepare(partition: number, generation: number, rewind: Rewind, attempt: number) {
    try {
      const producer = await this.options.producers.acquire(partition);
      if (generation !== this.generation) return;
      await this.decide(producer);
      if (generation !== this.generation || producer.positionChecked || this.closed) return;
      const plan = this.pendingPlan(partition);
      if (!plan) return; // the first batch checks its position against the committed offset
      producer.positionChecked = true;
      rewind(partition, plan.next.toString());
    } catch (error) {
      if (generation !== this.generation || this.closed) return;
      const { topic, groupId, retryDelayMs, maxRetryDelayMs } = this.options;
      const delayMs = Math.min(maxRetryDelayMs, retryDelayMs * 2 ** attempt);
      this.options.log(
        'warn',
        `could not settle where ${topic}[${partition}] is replayed from in group ${groupId}; trying again in ${delayMs} ms`,
        { error },
      );
      const timer = setTimeout(() => {
        this.retryTimers.delete(timer);
        void this.prepare(partition, generation, rewind, attempt + 1);
      }, delayMs);
      this.retryTimers.add(timer);
    }
  }

  /** The question for `producer`'s partition, asked once per producer (again after a failure). */
  private decide(producer: PartitionProducer): Promise<void> {
    const existing = this.decisions.get(producer);
    if (existing) return existing;
    const decision = this.ask(producer);
    this.decisions.set(producer, decision);
    decision.catch(() => {
      if (this.decisions.get(producer) === decision) this.decisions.delete(producer);
    });
    return decision;
  }

  /**
   * Asks replayFrom when the partition is owed a question, or when the committed offset moved past
   * the one this member last knew (another member handled the partition in a join this one missed),
   * and the group has a committed offset; records the replay it answers.
   */
  private async ask(producer: PartitionProducer): Promise<void> {
    const { partition, committedAtInit } = producer;
    const known = this.known.get(partition);
    const movedOn = known !== undefined && committedAtInit > known;
    const { handlers } = this.options;
    if (!handlers || committedAtInit < 0n || !(this.owed.has(partition) || movedOn)) {
      this.owed.delete(partition);
      this.known.set(partition, committedAtInit);
      return;
    }
    const generation = this.generation;
    const committed = Number(committedAtInit);
    const answer = await handlers.replayFrom(partition, committed);
    const wanted = replayStart(partition, answer, committed, 0);
    const oldestKept = wanted === undefined ? 0 : Number(await this.options.oldestKept(partition));
    if (generation !== this.generation)
      throw new ReplayQuestionSupersededError(this.options.topic, partition);
    const start = replayStart(partition, answer, committed, oldestKept);
    if (wanted !== undefined && start !== wanted)
      // The handler's state misses what retention dropped: worth a line in the log, not a retry.
      this.options.log(
        'warn',
        `replayFrom asked for ${this.options.topic}[${partition}] from ${wanted}, but the messages below ${oldestKept} are gone (retention); replaying what is left`,
      );
    this.owed.delete(partition);
    this.known.set(partition, committedAtInit);
    if (start === undefined) this.plans.delete(partition);
    else this.plans.set(partition, { next: BigInt(start), until: committedAtInit });
  }
}
