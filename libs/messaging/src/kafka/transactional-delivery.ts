// Delivery for subscribeTransactional(): the handler's output is held in a BatchTransaction and
// sent, with the batch's dead letters and its offset commit, in a Kafka transaction of the
// member's producer (transactional-producers.ts), shared with the other batches in flight
// (transaction-grouping.ts). The consumer commits nothing itself. Messages below the committed
// offset that a replay asked for go to replayBatch first (partition-replay.ts).
import type { EachBatchPayload, KafkaMessage, Message } from 'kafkajs';
import { BufferedBatchTransaction, handleInTransaction, type TopicOutput } from '../batch-transaction';
import type { OutgoingMessage, TransactionalSubscribeOptions } from '../message-bus';
import type { BatchDelivery, DeliveryResult, Rewind } from './batch-delivery';
import type { DecodedBatch } from './decode-batch';
import {
  isConcurrentTransactions,
  isGroupMembershipLost,
  isProducerFenced,
  KafkaProducerFencedError,
} from './kafka-errors';
import { withGroupMember } from './kafka-group-fencing';
import type { GroupMember } from './kafka-group-requests';
import type { KafkaBusLogger } from './kafka-logger';
import { toKafkaRecord } from './kafka-record';
import type { PartitionReplays } from './partition-replay';
import { TransactionGrouping, type GroupedCommit } from './transaction-grouping';
import type { MemberProducer, PartitionProducer, TransactionalProducers } from './transactional-producers';

/** What the delivery needs from its bus. */
export interface TransactionalDeliveryContext {
  readonly producers: TransactionalProducers;
  readonly log: KafkaBusLogger;
  /** Where dead letters go; undefined for the DLQ itself, whose own are dropped (`dropDeadLetters`). */
  readonly deadLetterTopic: string | undefined;
  readonly dropDeadLetters: (letters: readonly OutgoingMessage[]) => Promise<void>;
  /** Resolves once the topic exists (created on demand when the bus does that). */
  readonly topicReady: (topic: string) => Promise<void>;
  /** The subscription's replays, asked at each join and for each new producer. */
  readonly replays: PartitionReplays;
  /** Decodes records of a partition as the subscription does (for the part of a batch after a replay). */
  readonly decode: (partition: number, records: readonly KafkaMessage[]) => DecodedBatch;
}

type Transaction = Awaited<ReturnType<MemberProducer['producer']['transaction']>>;

/** One batch's part of a transaction: its output, and the offset it commits. */
interface BatchCommit {
  readonly producer: PartitionProducer;
  readonly output: readonly TopicOutput<Message>[];
  readonly next: bigint;
}

/**
 * How long a batch's commit waits for the other batches in flight to commit too. They are mostly
 * applied in one go, a few ms; one awaiting a slow read (a takeover loading its partition) is not
 * waited for long.
 */
const maxGatherMs = 10;

/** Tries of sendOffsets answered CONCURRENT_TRANSACTIONS; the pause doubles from 5 ms (2.5 s in all). */
const concurrentTransactionTries = 10;
const firstConcurrentTransactionPauseMs = 5;

/**
 * Adds the offsets to the transaction. kafkajs retries the offset commit but not the request that
 * adds the group to the transaction, which a transaction without output sends first, often while
 * the broker still completes the previous one (CONCURRENT_TRANSACTIONS): that is tried again here.
 */
export async function sendOffsets(
  transaction: Transaction,
  offsets: Parameters<Transaction['sendOffsets']>[0],
) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction.sendOffsets(offsets);
    } catch (error) {
      if (!isConcurrentTransactions(error) || attempt >= concurrentTransactionTries) throw error;
      await new Promise((resolve) =>
        setTimeout(resolve, firstConcurrentTransactionPauseMs * 2 ** (attempt - 1)),
      );
    }
  }
}

const handled: DeliveryResult = { handled: true };
const stale: DeliveryResult = { handled: false, stale: true };

export class TransactionalDelivery implements BatchDelivery {
  private readonly groupings = new WeakMap<MemberProducer, TransactionGrouping<BatchCommit>>();

  constructor(
    private readonly options: Pick<TransactionalSubscribeOptions, 'groupId' | 'eachBatch'>,
    private readonly context: TransactionalDeliveryContext,
  ) {}

  async deliver(payload: EachBatchPayload, decoded: DecodedBatch): Promise<DeliveryResult> {
    const { batch } = payload;
    const { partition } = batch;
    const first = BigInt(batch.firstOffset() ?? batch.lastOffset());
    const next = BigInt(batch.lastOffset()) + 1n;
    const { producers, replays } = this.context;
    const producer = await producers.acquire(partition);
    if (!producer.positionChecked) {
      // Fetched from an offset read before the init (a former owner committed past it since), or
      // not from where a replay starts.
      const position = await replays.firstBatch(producer, first, () => payload.isStale());
      if (position === 'stale') return stale;
      if (position !== 'deliver') return { handled: false, resumeAt: position.toString() };
    }
    const replayEnd = await replays.replay(partition, first, next, decoded.messages);
    if (replayEnd !== undefined && next <= replayEnd) {
      // All of it replayed: the fetch position moves on, nothing is committed.
      payload.resolveOffset(batch.lastOffset());
      return handled;
    }
    // Of a batch straddling the replay's end, the rest is handled as any batch, with its dead letters.
    const { messages, deadLetters } =
      replayEnd === undefined
        ? decoded
        : this.context.decode(
            partition,
            batch.messages.filter((record) => BigInt(record.offset) >= replayEnd),
          );
    const ticket = this.groupingOf(producer.owner).enter();
    const transaction = new BufferedBatchTransaction(toKafkaRecord, (output) =>
      ticket.commit({ producer, output, next }),
    );
    try {
      await this.handle(transaction, payload, messages, deadLetters);
    } finally {
      ticket.leave();
    }
    // Moves the consumer's fetch position on; the offsets themselves went with the transaction.
    payload.resolveOffset(batch.lastOffset());
    return handled;
  }

  private async handle(
    transaction: BufferedBatchTransaction<Message>,
    { batch: { topic, partition } }: EachBatchPayload,
    messages: DecodedBatch['messages'],
    deadLetters: DecodedBatch['deadLetters'],
  ): Promise<void> {
    await handleInTransaction(
      async () => {
        if (deadLetters.length > 0) {
          const { deadLetterTopic } = this.context;
          if (deadLetterTopic) await transaction.produce(deadLetterTopic, deadLetters);
          else await this.context.dropDeadLetters(deadLetters);
        }
        if (messages.length > 0) await this.options.eachBatch({ topic, partition, messages }, transaction);
      },
      transaction,
      (error) =>
        this.context.log(
          'error',
          `the handler of ${topic}[${partition}] in group ${this.options.groupId} failed after its transaction committed; the batch counts as handled`,
          { error },
        ),
    );
  }

  assigned(partitions: readonly number[], rewind: Rewind, member: GroupMember): void {
    this.context.producers.assigned(partitions, member);
    this.context.replays.assigned(partitions, rewind);
  }

  close(): Promise<void> {
    this.context.replays.close();
    return this.context.producers.close();
  }

  /** The grouping of the transactions of `owner`, made on first use. */
  private groupingOf(owner: MemberProducer): TransactionGrouping<BatchCommit> {
    let grouping = this.groupings.get(owner);
    if (!grouping) {
      grouping = new TransactionGrouping((commits) => this.commit(owner, commits), maxGatherMs);
      this.groupings.set(owner, grouping);
    }
    return grouping;
  }

  /** One transaction for the batches gathered: their output, their offsets, then commit. */
  private commit(owner: MemberProducer, commits: readonly GroupedCommit<BatchCommit>[]): Promise<void> {
    const committing = this.runTransaction(owner, commits);
    owner.running = committing.then(
      () => undefined,
      () => undefined,
    );
    return committing;
  }

  private async runTransaction(
    owner: MemberProducer,
    commits: readonly GroupedCommit<BatchCommit>[],
  ): Promise<void> {
    const { topic } = this.context.producers.options;
    const output = new Map<string, Message[]>();
    for (const { entry } of commits)
      for (const { topic: outputTopic, records } of entry.output) {
        const kept = output.get(outputTopic);
        if (kept) kept.push(...records);
        else output.set(outputTopic, [...records]);
      }
    await Promise.all([...output.keys()].map((name) => this.context.topicReady(name)));
    const anyProducer = commits[0]?.entry.producer;
    if (!anyProducer) return;
    let transaction: Transaction;
    try {
      transaction = await owner.producer.transaction();
    } catch (error) {
      // Disconnected meanwhile (the partitions went elsewhere), or a state kafkajs cannot leave.
      this.context.producers.discard(anyProducer);
      throw error;
    }
    const partitions = commits.map(({ entry }) => ({
      partition: entry.producer.partition,
      offset: entry.next.toString(),
    }));
    // The output and the offsets go at once, not one after the other: each needs only its own
    // add-to-transaction request first, so the transaction takes three round trips (add, send,
    // end) instead of five. The coordinator may answer one of the two adds CONCURRENT_TRANSACTIONS
    // while it writes the other; both paths try it again after 5 ms (sendOffsets here, kafkajs's
    // retry for the output, transactional-producers.ts).
    const sent = await Promise.allSettled([
      output.size > 0
        ? transaction.sendBatch({
            acks: -1,
            topicMessages: [...output].map(([name, messages]) => ({ topic: name, messages })),
          })
        : undefined,
      withGroupMember(owner.transactionalId, owner.member, () =>
        sendOffsets(transaction, { consumerGroupId: this.options.groupId, topics: [{ topic, partitions }] }),
      ),
    ]);
    try {
      // Both settled before the abort, which must not overtake a request still in flight.
      for (const result of sent) if (result.status === 'rejected') throw result.reason;
    } catch (error) {
      if (isProducerFenced(error)) return this.fenced(commits, error);
      await this.abort(anyProducer, transaction);
      if (isGroupMembershipLost(error)) return this.fenced(commits, error);
      throw error;
    }
    try {
      await transaction.commit();
    } catch (error) {
      if (isProducerFenced(error)) return this.fenced(commits, error);
      return this.settleUnknownOutcome(commits, error);
    }
    for (const { entry, resolve } of commits) {
      this.context.replays.committed(entry.producer.partition, entry.next);
      resolve();
    }
  }

  /** A producer whose abort failed is left in a state kafkajs cannot leave: a new one replaces it. */
  private async abort(producer: PartitionProducer, transaction: Transaction): Promise<void> {
    try {
      await transaction.abort();
    } catch (error) {
      this.context.producers.discard(producer);
      this.context.log(
        'debug',
        `abort of a transaction of ${producer.transactionalId} failed; replacing it`,
        {
          error,
        },
      );
    }
  }

  /**
   * The commit request failed, but the broker may have committed (a lost answer). A new producer's
   * init settles the transaction either way, after which the committed offsets tell which: at
   * `next`, it committed; otherwise it did not, and the batches are delivered again.
   */
  private async settleUnknownOutcome(
    commits: readonly GroupedCommit<BatchCommit>[],
    error: unknown,
  ): Promise<void> {
    const first = commits[0];
    if (first) this.context.producers.discard(first.entry.producer);
    for (const { entry, resolve, reject } of commits) {
      const fresh = await this.context.producers.acquire(entry.producer.partition);
      if (fresh.committedAtInit !== entry.next) {
        reject(error);
        continue;
      }
      fresh.positionChecked = true;
      this.context.replays.committed(entry.producer.partition, entry.next);
      resolve();
    }
  }

  /**
   * Settles the batches of a fenced transaction: KafkaProducerFencedError when another member took
   * the partitions (its init fenced the producer, or the group no longer counts this member's
   * generation); the plain error when the fence came from this member's own newer producer
   * (started by a join of the group while the batches ran), as they may well be tried again here.
   */
  private async fenced(commits: readonly GroupedCommit<BatchCommit>[], error: unknown): Promise<void> {
    const { producers } = this.context;
    const first = commits[0];
    if (!first) return;
    const current = await producers.isCurrent(first.entry.producer);
    if (current) producers.discard(first.entry.producer);
    for (const { entry, reject } of commits) {
      if (!current) {
        reject(error);
        continue;
      }
      this.context.replays.lost(entry.producer.partition);
      reject(
        new KafkaProducerFencedError(
          producers.options.topic,
          entry.producer.partition,
          entry.producer.transactionalId,
          error,
        ),
      );
    }
  }
}
