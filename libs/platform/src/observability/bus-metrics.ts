// Metrics and logs of everything a service sends and receives over the bus, taken by wrapping the
// bus port (the services' code is unchanged): messages handled per topic, batch handling time and
// failures, and the latency of jobs from the moment they are handed out to their result.
import type {
  BatchTransaction,
  MessageBatch,
  MessageBus,
  OutgoingMessage,
  PartitionLag,
  SubscribeOptions,
  Subscription,
  TransactionalMessageBus,
  TransactionalSubscribeOptions,
} from '@baton/messaging';
import { topics } from '@baton/topics';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { jobLatencyHistogram } from './job-latency-histogram';
import { messageLogFields, type Logger } from './logger';

export interface BusInstrumentationOptions {
  readonly registry: Registry;
  readonly logger: Logger;
  /**
   * Environment prefix of the topic names; taken off the `topic` label so that dashboards work
   * the same in every environment.
   * @default ''
   */
  readonly topicPrefix?: string;
  /**
   * Jobs remembered between being handed out and their result; the oldest are forgotten beyond.
   * @default 100000
   */
  readonly maxPendingJobs?: number;
  /** @default Date.now */
  readonly clock?: () => number;
  /**
   * Reads a group's lag on a topic (e.g. `KafkaConsumerLag.lag`); with it, every scrape reports the
   * lag per partition of each group this replica consumes in.
   * @default none: no lag series
   */
  readonly consumerLag?: (groupId: string, topic: string) => Promise<readonly PartitionLag[]>;
}

const jobTopicPattern = /^baton\.jobs\.(.+)\.v1$/;
const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

interface PendingJob {
  readonly type: string;
  readonly at: number;
}

/**
 * The bus with its traffic measured. Every other property of the bus (`ensureTopics`,
 * `partitionForKey`, …) is the original's.
 *
 * A job is timed from the moment this replica hands it out (the engine producing it on its job
 * topic) or receives it (a worker consuming it) to the moment this replica sees its result
 * (the engine consuming `baton.jobs.results.v1`, a worker producing it).
 */
export function instrumentBus<Bus extends MessageBus>(bus: Bus, options: BusInstrumentationOptions): Bus {
  const prefix = options.topicPrefix ?? '';
  const clock = options.clock ?? Date.now;
  const maxPending = options.maxPendingJobs ?? 100_000;
  const { logger, registry } = options;
  const produced = new Counter({
    name: 'baton_messages_produced_total',
    help: 'Messages this replica produced, by topic.',
    labelNames: ['topic'],
    registers: [registry],
  });
  const handled = new Counter({
    name: 'baton_messages_handled_total',
    help: 'Messages this replica consumed and handled (offset committed), by topic. On baton.engine.commands.v1: commands applied.',
    labelNames: ['topic'],
    registers: [registry],
  });
  const failedBatches = new Counter({
    name: 'baton_batches_failed_total',
    help: 'Batches whose handling failed and will be delivered again, by topic.',
    labelNames: ['topic'],
    registers: [registry],
  });
  const batchSeconds = new Histogram({
    name: 'baton_batch_duration_seconds',
    help: 'Time to handle one consumed batch, by topic.',
    labelNames: ['topic'],
    buckets: latencyBuckets,
    registers: [registry],
  });
  const jobSeconds = jobLatencyHistogram(registry);
  const pendingJobs = new Map<string, PendingJob>();
  /** The (group, topic) pairs this replica consumes, as `group\u0000topic`. */
  const subscribed = new Map<string, { readonly groupId: string; readonly topic: string }>();
  const consumerLag = options.consumerLag;
  if (consumerLag) {
    new Gauge({
      name: 'baton_consumer_lag',
      help: 'Messages not yet committed by a consumer group this replica belongs to, by group, topic and partition (every member reports its group).',
      labelNames: ['group', 'topic', 'partition'],
      registers: [registry],
      async collect() {
        this.reset();
        await Promise.all(
          [...subscribed.values()].map(async ({ groupId, topic }) => {
            try {
              for (const { partition, lag } of await consumerLag(groupId, topic))
                this.set({ group: groupId, topic: bare(topic), partition: String(partition) }, lag);
            } catch (error) {
              logger.warn({ group: groupId, topic: bare(topic), err: error }, 'reading consumer lag failed');
            }
          }),
        );
      },
    });
  }

  const bare = (topic: string): string =>
    prefix && topic.startsWith(prefix) ? topic.slice(prefix.length) : topic;
  const jobHandedOut = (topic: string, value: unknown): void => {
    if (!jobTopicPattern.test(topic) || topic === topics.jobResults) return;
    const job = value as { jobKey?: unknown; type?: unknown } | null;
    if (typeof job?.jobKey !== 'string' || typeof job.type !== 'string') return;
    pendingJobs.delete(job.jobKey);
    pendingJobs.set(job.jobKey, { type: job.type, at: clock() });
    if (pendingJobs.size > maxPending) pendingJobs.delete(pendingJobs.keys().next().value!);
  };
  const jobAnswered = (topic: string, value: unknown): void => {
    if (topic !== topics.jobResults) return;
    const result = value as { jobKey?: unknown; result?: unknown } | null;
    if (typeof result?.jobKey !== 'string') return;
    const pending = pendingJobs.get(result.jobKey);
    if (pending === undefined) return;
    pendingJobs.delete(result.jobKey);
    jobSeconds.observe(
      { type: pending.type, result: typeof result.result === 'string' ? result.result : 'UNKNOWN' },
      (clock() - pending.at) / 1000,
    );
  };

  const count = (topic: string, messages: readonly OutgoingMessage[]): void => {
    const name = bare(topic);
    produced.inc({ topic: name }, messages.length);
    for (const message of messages) {
      jobHandedOut(name, message.value);
      jobAnswered(name, message.value);
    }
  };
  const produce = async (topic: string, messages: readonly OutgoingMessage[]): Promise<void> => {
    await bus.produce(topic, messages);
    count(topic, messages);
  };

  /** Handles one batch with its traffic measured and logged. */
  const measured = async (batch: MessageBatch, handle: () => Promise<void>): Promise<void> => {
    const name = bare(batch.topic);
    const stopTimer = batchSeconds.startTimer({ topic: name });
    // Guarded: the fields of every message would be built even for a disabled level.
    if (logger.isLevelEnabled('debug'))
      for (const message of batch.messages) {
        logger.debug(
          {
            topic: name,
            partition: batch.partition,
            offset: message.offset,
            ...messageLogFields(message.headers),
          },
          'message received',
        );
      }
    try {
      await handle();
    } catch (error) {
      failedBatches.inc({ topic: name });
      const first = batch.messages[0];
      logger.error(
        {
          topic: name,
          partition: batch.partition,
          offsets: [first?.offset, batch.messages.at(-1)?.offset],
          ...(first ? messageLogFields(first.headers) : {}),
          err: error,
        },
        'handling a batch failed; it will be delivered again',
      );
      throw error;
    } finally {
      stopTimer();
    }
    handled.inc({ topic: name }, batch.messages.length);
    for (const message of batch.messages) {
      jobHandedOut(name, message.value);
      jobAnswered(name, message.value);
    }
  };

  /** Runs `subscribeWith` and keeps the group in the lag series while the subscription lives. */
  const tracked = async (
    subscription: Pick<SubscribeOptions, 'groupId' | 'topic'>,
    subscribeWith: () => Promise<Subscription>,
  ): Promise<Subscription> => {
    const entry = `${subscription.groupId}\u0000${subscription.topic}`;
    const consuming = await subscribeWith();
    subscribed.set(entry, { groupId: subscription.groupId, topic: subscription.topic });
    return {
      close: async () => {
        subscribed.delete(entry);
        await consuming.close();
      },
    };
  };

  const subscribe = (subscription: SubscribeOptions): Promise<Subscription> =>
    tracked(subscription, () =>
      bus.subscribe({
        ...subscription,
        eachBatch: (batch: MessageBatch) => measured(batch, () => subscription.eachBatch(batch)),
      }),
    );

  /** What goes into a batch's transaction counts as produced when the transaction commits. */
  const countedTransaction = (transaction: BatchTransaction): BatchTransaction => {
    const output: { topic: string; messages: readonly OutgoingMessage[] }[] = [];
    let committing: Promise<void> | undefined;
    return {
      produce: async (topic, messages) => {
        await transaction.produce(topic, messages);
        output.push({ topic, messages });
      },
      commit: () =>
        (committing ??= transaction.commit().then(() => {
          for (const { topic, messages } of output) count(topic, messages);
        })),
    };
  };

  const transactional = (bus as Partial<TransactionalMessageBus>).subscribeTransactional?.bind(bus);
  const subscribeTransactional = transactional
    ? (subscription: TransactionalSubscribeOptions): Promise<Subscription> =>
        tracked(subscription, () =>
          transactional({
            ...subscription,
            eachBatch: (batch, transaction) =>
              measured(batch, () => subscription.eachBatch(batch, countedTransaction(transaction))),
          }),
        )
    : undefined;

  return new Proxy(bus, {
    get(target, property, receiver) {
      if (property === 'produce') return produce;
      if (property === 'subscribe') return subscribe;
      if (property === 'subscribeTransactional' && subscribeTransactional) return subscribeTransactional;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
