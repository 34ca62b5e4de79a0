// Delivery for subscribeTransactional(): the handler's output is held in a BatchTransaction and
// sent, with the batch's dead letters and its offset commit, in one Kafka transaction of the
// partition's producer (transactional-producers.ts). The consumer commits nothing itself. Messages
// below the committed offset that a replay asked for go to replayBatch first (partition-replay.ts).
import type { EachBatchPayload, KafkaMessage, Message } from 'kafkajs';
import { BufferedBatchTransaction, handleInTransaction, type TopicOutput } from '../batch-transaction';
import type { OutgoingMessage, TransactionalSubscribeOptions } from '../message-bus';
import type { BatchDelivery, DeliveryResult, Rewind } from './batch-delivery';
import type { DecodedBatch } from './decode-batch';
import { isConcurrentTransactions, isProducerFenced, KafkaProducerFencedError } from './kafka-errors';
import type { KafkaBusLogger } from './kafka-logger';
import { toKafkaRecord } from './kafka-record';
import type { PartitionReplays } from './partition-replay';
import type { PartitionProducer, TransactionalProducers } from './transactional-producers';

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

type Transaction = Awaited<ReturnType<PartitionProducer['producer']['transaction']>>;

/** Tries of sendOffsets answered CONCURRENT_TRANSACTIONS; the pause doubles from 5 ms (2.5 s in all). */
const concurrentTransactionTries = 10;
const firstConcurrentTransactionPauseMs = 5;

/**
 * Adds the offsets to the transaction. kafkajs retries the offset commit but not the request that
 * adds the group to the transaction, which a transaction without output sends first, often while
 * the broker still completes the previous one (CONCURRENT_TRANSACTIONS): that is tried again here.
 */
async function sendOffsets(transaction: Transaction, offsets: Parameters<Transaction['sendOffsets']>[0]) {
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
  constructor(
    private readonly options: Pick<TransactionalSubscribeOptions, 'groupId' | 'eachBatch'>,
    private readonly context: TransactionalDeliveryContext,
  ) {}

  async deliver(payload: EachBatchPayload, decoded: DecodedBatch): Promise<DeliveryResult> {
    const { batch } = payload;
    const { topic, partition } = batch;
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
    const transaction = new BufferedBatchTransaction(toKafkaRecord, (output) =>
      this.commit(producer, output, next),
    );
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
    // Moves the consumer's fetch position on; the offsets themselves went with the transaction.
    payload.resolveOffset(batch.lastOffset());
    return handled;
  }

  assigned(partitions: readonly number[], rewind: Rewind): void {
    this.context.producers.assigned(partitions);
    this.context.replays.assigned(partitions, rewind);
  }

  close(): Promise<void> {
    this.context.replays.close();
    return this.context.producers.close();
  }

  /** One transaction: the output, the offset commit at `next`, then commit; aborted when a step fails. */
  private commit(
    producer: PartitionProducer,
    output: readonly TopicOutput<Message>[],
    next: bigint,
  ): Promise<void> {
    const committing = this.runTransaction(producer, output, next);
    producer.running = committing.then(
      () => undefined,
      () => undefined,
    );
    return committing;
  }

  private async runTransaction(
    producer: PartitionProducer,
    output: readonly TopicOutput<Message>[],
    next: bigint,
  ): Promise<void> {
    const { topic } = this.context.producers.options;
    await Promise.all(output.map((entry) => this.context.topicReady(entry.topic)));
    let transaction: Transaction;
    try {
      transaction = await producer.producer.transaction();
    } catch (error) {
      // Disconnected meanwhile (the partition went elsewhere), or a state kafkajs cannot leave.
      this.context.producers.discard(producer.partition);
      throw error;
    }
    try {
      if (output.length > 0)
        await transaction.sendBatch({
          acks: -1,
          topicMessages: output.map((entry) => ({ topic: entry.topic, messages: [...entry.records] })),
        });
      await sendOffsets(transaction, {
        consumerGroupId: this.options.groupId,
        topics: [{ topic, partitions: [{ partition: producer.partition, offset: next.toString() }] }],
      });
    } catch (error) {
      if (isProducerFenced(error)) throw await this.fenced(producer, error);
      await this.abort(producer, transaction);
      throw error;
    }
    try {
      await transaction.commit();
    } catch (error) {
      if (isProducerFenced(error)) throw await this.fenced(producer, error);
      await this.settleUnknownOutcome(producer, next, error);
    }
    this.context.replays.committed(producer.partition, next);
  }

  /** A producer whose abort failed is left in a state kafkajs cannot leave: a new one replaces it. */
  private async abort(producer: PartitionProducer, transaction: Transaction): Promise<void> {
    try {
      await transaction.abort();
    } catch (error) {
      this.context.producers.discard(producer.partition);
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
   * init settles the transaction either way, after which the committed offset tells which: at
   * `next`, it committed; otherwise it did not, and the batch is delivered again.
   */
  private async settleUnknownOutcome(
    producer: PartitionProducer,
    next: bigint,
    error: unknown,
  ): Promise<void> {
    this.context.producers.discard(producer.partition);
    const fresh = await this.context.producers.acquire(producer.partition);
    if (fresh.committedAtInit !== next) throw error;
    fresh.positionChecked = true;
  }

  /**
   * The error a fenced transaction fails with: KafkaProducerFencedError when another member took the
   * partition; the plain error when the fence came from this member's own newer producer (started
   * by a join of the group while this batch ran), as the batch may well be tried again here.
   */
  private async fenced(producer: PartitionProducer, error: unknown): Promise<unknown> {
    const { producers } = this.context;
    if (!(await producers.isCurrent(producer))) return error;
    producers.discard(producer.partition);
    this.context.replays.lost(producer.partition);
    return new KafkaProducerFencedError(
      producers.options.topic,
      producer.partition,
      producer.transactionalId,
      error,
    );
  }
}
