// The Kafka implementation of the bus port (DESIGN §3.4, §3.5, §4) on kafkajs: an idempotent
// producer, one consumer per subscription with hand-committed offsets or, for transactional
// subscriptions, offsets committed in each batch's transaction; catalogue validation with a DLQ,
// and topic creation from the catalogue. Same semantics as the in-memory bus.
import { Kafka, Partitioners, type Admin, type Producer } from 'kafkajs';
import { findTopic, topicName, topics } from '@baton/topics';
import type {
  OutgoingMessage,
  SubscribeOptions,
  Subscription,
  TopicRequest,
  TransactionalMessageBus,
  TransactionalSubscribeOptions,
} from '../message-bus';
import { replayHandlers, type ReplayHandlers } from '../replay-options';
import { AtLeastOnceDelivery } from './at-least-once-delivery';
import type { BatchDelivery } from './batch-delivery';
import {
  withKafkaBusDefaults,
  type KafkaBusOptions,
  type KafkaBusOptionsWithDefaults,
} from './kafka-bus-options';
import {
  isAuthenticationFailure,
  isConnectionFailure,
  KafkaAuthenticationError,
  KafkaBusClosedError,
  KafkaConnectionError,
} from './kafka-errors';
import {
  consoleKafkaLogger,
  filteredLogger,
  kafkaLogCreator,
  toKafkaLogLevel,
  type KafkaBusLogger,
} from './kafka-logger';
import { cacheKafkaCoordinators } from './kafka-coordinator-cache';
import { installAdaptiveLinger } from './adaptive-linger';
import { installRequestQueueTimerFix } from './request-queue-timer';
import { installProduceEncoding } from './kafka-produce-encoding';
import { installGroupFencing } from './kafka-group-fencing';
import { kafkajsSecurity } from './kafka-security';
import { decodeBatch } from './decode-batch';
import { PartitionReplays } from './partition-replay';
import { toKafkaRecord } from './kafka-record';
import { KafkaSubscription, type SubscriptionOptions } from './kafka-subscription';
import { uncommittedEndOffsets } from './pin-start-offsets';
import { SendCoalescer } from './send-coalescer';
import { createMissingTopics } from './topic-admin';
import { TransactionalDelivery } from './transactional-delivery';
import { TransactionalProducers } from './transactional-producers';

interface Clients {
  readonly producer: Producer;
  readonly admin: Admin;
  /** Sends through the producer, merging calls made while a request is in flight. */
  readonly coalescer: SendCoalescer;
}

/** The partitioner the producer uses (a key always goes to the same partition), for partitionForKey. */
const keyPartitioner = Partitioners.DefaultPartitioner();

/** How long topic creation may wait for partition leaders, ms. */
const topicCreationTimeoutMs = 10_000;

/** The kafkajs implementation of {@link TransactionalMessageBus}. */
export class KafkaBus implements TransactionalMessageBus {
  private readonly options: KafkaBusOptionsWithDefaults;
  private readonly log: KafkaBusLogger;
  private readonly kafka: Kafka;
  private readonly dlqTopic: string;
  private readonly subscriptions = new Set<KafkaSubscription>();
  /** Topics known to exist, or being created, by name. */
  private readonly readyTopics = new Map<string, Promise<void>>();
  private connecting: Promise<Clients> | undefined;
  private closing: Promise<void> | undefined;
  /** Whether kafkajs was taught the requests transactional subscriptions need (kafka-group-fencing.ts). */
  private readonly groupFencing: boolean;

  constructor(options: KafkaBusOptions) {
    const log = filteredLogger(options.logger ?? consoleKafkaLogger, options.logLevel ?? 'warn');
    this.options = withKafkaBusDefaults(options, log);
    this.log = log;
    this.dlqTopic = topicName(topics.deadLetters, this.options.topicPrefix);
    if (!cacheKafkaCoordinators())
      log(
        'warn',
        'this kafkajs has no coordinator lookup to cache: every transaction looks its coordinators up',
      );
    this.groupFencing = installGroupFencing();
    installAdaptiveLinger();
    if (!installRequestQueueTimerFix())
      log('warn', "this kafkajs's request queue is not shaped as expected: its 1 ms timer keeps running");
    if (!installProduceEncoding())
      log('warn', "this kafkajs's broker is not shaped as expected: produce requests keep its own encoding");
    this.kafka = new Kafka({
      clientId: this.options.clientId,
      brokers: [...this.options.brokers],
      connectionTimeout: this.options.connectionTimeoutMs,
      retry: { retries: this.options.retries, initialRetryTime: 300, maxRetryTime: 5000 },
      logLevel: toKafkaLogLevel(this.options.logLevel),
      logCreator: kafkaLogCreator(log),
      ...kafkajsSecurity(this.options.security),
    });
  }

  /**
   * Connects the producer and the admin client. Called by the other methods on first use; call it
   * at start-up to fail fast.
   * @throws KafkaConnectionError when the brokers do not answer within the timeout and retries.
   */
  async connect(): Promise<void> {
    await this.clients();
  }

  /**
   * Appends the messages with one request (shared with calls made meanwhile); resolves once every in-sync replica has them. The
   * producer is idempotent, so its own retries neither duplicate nor reorder messages. Retries are
   * bounded: when the cluster stays away the call fails, and the caller's batch is retried.
   */
  async produce(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (this.closing) throw new KafkaBusClosedError(`produce to ${topic}`);
    if (messages.length === 0) return;
    await this.send(topic, messages);
  }

  subscribe(options: SubscribeOptions): Promise<Subscription> {
    const isDeadLetterTopic = options.topic === this.dlqTopic;
    const delivery = new AtLeastOnceDelivery(
      options,
      // A dead letter that fails its own schema is dropped (with a log) rather than looping.
      (letters) => (isDeadLetterTopic ? this.dropDeadLetters(letters) : this.send(this.dlqTopic, letters)),
      this.log,
    );
    return this.startSubscription(options, () => delivery);
  }

  /**
   * Each batch in a Kafka transaction of the member's producer (transactional-producers.ts), shared
   * by the batches in flight together: the handler's output, the batch's dead letters and the
   * offset commit, visible together. A partition taken over is replayed first when the replay hook
   * asks for it (partition-replay.ts).
   */
  subscribeTransactional(options: TransactionalSubscribeOptions): Promise<Subscription> {
    let handlers: ReplayHandlers | undefined;
    try {
      if (!this.groupFencing)
        throw new Error(
          'this kafkajs lacks the broker requests Baton teaches it for exactly-once delivery (kafka-group-fencing.ts): use kafkajs 2.2',
        );
      handlers = replayHandlers(options);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return this.startSubscription(options, (admin) => {
      const { groupId, topic } = options;
      const schema = findTopic(topic, this.options.topicPrefix)?.schema;
      const producers = new TransactionalProducers({
        kafka: this.kafka,
        groupId,
        topic,
        retries: this.options.retries,
        log: this.log,
        committedOffsets: async () => {
          const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
          return new Map(offsets?.partitions.map(({ partition, offset }) => [partition, BigInt(offset)]));
        },
      });
      const replays = new PartitionReplays({
        topic,
        groupId,
        handlers,
        producers,
        oldestKept: async (partition) => {
          const offsets = await admin.fetchTopicOffsets(topic);
          return BigInt(offsets.find((offset) => offset.partition === partition)?.low ?? 0);
        },
        log: this.log,
        retryDelayMs: this.options.retryDelayMs,
        maxRetryDelayMs: this.options.maxRetryDelayMs,
      });
      return new TransactionalDelivery(options, {
        producers,
        log: this.log,
        deadLetterTopic: topic === this.dlqTopic ? undefined : this.dlqTopic,
        dropDeadLetters: (letters) => this.dropDeadLetters(letters),
        topicReady: (name) => this.topicReady(name),
        replays,
        decode: (partition, records) => decodeBatch(topic, partition, records, schema),
      });
    });
  }

  private async startSubscription(
    options: SubscriptionOptions,
    createDelivery: (admin: Admin) => BatchDelivery,
  ): Promise<Subscription> {
    if (this.closing) throw new KafkaBusClosedError(`subscribe to ${options.topic}`);
    const { admin } = await this.clients();
    await this.topicReady(options.topic);
    const concurrency =
      this.options.partitionsConsumedConcurrently ?? (await this.partitionCount(admin, options.topic));
    let subscription: KafkaSubscription;
    try {
      const startAt = options.fromBeginning
        ? []
        : await uncommittedEndOffsets(admin, options.groupId, options.topic);
      subscription = await KafkaSubscription.start(
        {
          kafka: this.kafka,
          options: this.options,
          log: this.log,
          schema: findTopic(options.topic, this.options.topicPrefix)?.schema,
          concurrency,
          deleteGroup: (groupId) => admin.deleteGroups([groupId]).then(() => undefined),
          onClosed: (closed) => this.subscriptions.delete(closed),
        },
        options,
        createDelivery(admin),
        startAt,
      );
    } catch (error) {
      throw this.connectionError(error);
    }
    this.subscriptions.add(subscription);
    // A close() that began while this consumer was joining must not leave it running.
    if (this.closing) await subscription.close();
    return subscription;
  }

  /** Creates the missing topics; partitions default to the catalogue's count, then to `defaultPartitions`. */
  async ensureTopics(requests: readonly TopicRequest[]): Promise<void> {
    if (this.closing) throw new KafkaBusClosedError('ensure topics');
    await this.createTopics(requests);
  }

  private async createTopics(requests: readonly TopicRequest[]): Promise<void> {
    if (requests.length === 0) return;
    const { admin } = await this.clients();
    await createMissingTopics(
      admin,
      requests.map((request) => ({
        name: request.name,
        partitions: request.partitions ?? this.cataloguePartitions(request.name),
      })),
      {
        defaultPartitions: this.options.defaultPartitions,
        replicationFactor: this.options.replicationFactor,
        timeoutMs: topicCreationTimeoutMs,
      },
    );
    for (const request of requests) this.readyTopics.set(request.name, Promise.resolve());
  }

  /** Closes every subscription (their batches in flight finish and commit), then the producer and admin. */
  /** The producer's own choice: kafkajs's default partitioner, Java's murmur2 of the key. */
  partitionForKey(key: string, partitionCount: number): number {
    return keyPartitioner({
      topic: '',
      partitionMetadata: Array.from({ length: partitionCount }, (_, partitionId) => ({
        partitionErrorCode: 0,
        partitionId,
        leader: 0,
        replicas: [0],
        isr: [0],
      })),
      message: { key, value: null },
    });
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    await Promise.allSettled([...this.subscriptions].map((subscription) => subscription.close()));
    const clients = await this.connecting?.catch(() => undefined);
    if (!clients) return;
    await Promise.allSettled([clients.producer.disconnect(), clients.admin.disconnect()]);
  }

  /** Produces without the closed check: dead letters of batches still in flight during close. */
  private async send(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    const records = messages.map(toKafkaRecord);
    const { coalescer } = await this.clients();
    try {
      await this.topicReady(topic);
      await coalescer.send(topic, records);
    } catch (error) {
      throw this.connectionError(error);
    }
  }

  private clients(): Promise<Clients> {
    this.connecting ??= this.connectClients().catch((error: unknown) => {
      this.connecting = undefined; // a later call tries again
      throw error;
    });
    return this.connecting;
  }

  private async connectClients(): Promise<Clients> {
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: { retries: this.options.retries, initialRetryTime: 300, maxRetryTime: 5000 },
    });
    const admin = this.kafka.admin();
    try {
      await Promise.all([producer.connect(), admin.connect()]);
    } catch (error) {
      await Promise.allSettled([producer.disconnect(), admin.disconnect()]);
      throw this.connectionError(error);
    }
    const coalescer = new SendCoalescer((batch) =>
      producer
        .sendBatch({ acks: -1, topicMessages: batch.map(({ topic, messages }) => ({ topic, messages })) })
        .then(() => undefined),
    );
    return { producer, admin, coalescer };
  }

  /** Connection and authentication failures named as such, with the brokers; other errors unchanged. */
  private connectionError(error: unknown): unknown {
    if (error instanceof KafkaConnectionError || error instanceof KafkaAuthenticationError) return error;
    if (isAuthenticationFailure(error)) return new KafkaAuthenticationError(this.options.brokers, error);
    return isConnectionFailure(error) ? new KafkaConnectionError(this.options.brokers, error) : error;
  }

  /** Creates the topic on first use when `createTopicsOnDemand` is on; once per topic and process. */
  private topicReady(topic: string): Promise<void> {
    if (!this.options.createTopicsOnDemand) return Promise.resolve();
    let ready = this.readyTopics.get(topic);
    if (!ready) {
      ready = this.createTopics([{ name: topic }]).catch((error: unknown) => {
        this.readyTopics.delete(topic);
        throw error;
      });
      this.readyTopics.set(topic, ready);
    }
    return ready;
  }

  private cataloguePartitions(topic: string): number | undefined {
    return findTopic(topic, this.options.topicPrefix)?.partitions;
  }

  private async partitionCount(admin: Admin, topic: string): Promise<number> {
    const { topics: metadata } = await admin.fetchTopicMetadata({ topics: [topic] });
    return Math.max(1, metadata[0]?.partitions.length ?? 1);
  }

  private dropDeadLetters(letters: readonly OutgoingMessage[]): Promise<void> {
    for (const letter of letters)
      this.log('error', `invalid message on the DLQ ${this.dlqTopic} dropped`, {
        key: letter.key,
        value: letter.value,
      });
    return Promise.resolve();
  }
}
