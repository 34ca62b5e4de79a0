// Options of the Kafka bus with their defaults, applied in one place (STYLE.md §5). The defaults
// suit production; tests shorten the group timings so that joins and rebalances take a second.
import type { KafkaBusLogger, KafkaBusLogLevel } from './kafka-logger';
import type { KafkaSecurity } from './kafka-security';

/** Options of {@link KafkaBus}. */
export interface KafkaBusOptions {
  /** Bootstrap brokers, `host:port`. */
  readonly brokers: readonly string[];
  /** TLS and SASL settings; unset: plain TCP without authentication. */
  readonly security?: KafkaSecurity;
  /**
   * Client id the broker sees in its logs and quotas.
   * @default 'baton'
   */
  readonly clientId?: string;
  /**
   * Environment prefix of topic names, to find a topic's schema in the catalogue and to name the DLQ.
   * @default '' (the services take it from TOPIC_PREFIX in their configuration)
   */
  readonly topicPrefix?: string;
  /**
   * Partitions of a topic the bus creates when neither the caller nor the catalogue gives a count.
   * @default 8
   */
  readonly defaultPartitions?: number;
  /**
   * Replication factor of the topics the bus creates; `-1` means the broker's `default.replication.factor`.
   * @default -1
   */
  readonly replicationFactor?: number;
  /**
   * Create a topic on its first produce or subscribe when it is missing (like the in-memory bus).
   * With `false`, topics must exist (see `ensureTopics`) or the call fails.
   * @default true
   */
  readonly createTopicsOnDemand?: boolean;
  /**
   * Where the bus and kafkajs log. Receives only entries at `logLevel` or above.
   * @default a console logger
   */
  readonly logger?: KafkaBusLogger;
  /**
   * Least severe level logged, for kafkajs' own logs too (its INFO level is chatty).
   * @default 'warn'
   */
  readonly logLevel?: KafkaBusLogLevel;
  /**
   * Time to open a TCP connection to a broker, ms.
   * @default 3000
   */
  readonly connectionTimeoutMs?: number;
  /**
   * Retries of a failed broker request (connection included) before the call fails. Bounded so
   * that an unreachable cluster fails `connect()` within seconds instead of hanging.
   * @default 5
   */
  readonly retries?: number;
  /**
   * Consumer session timeout: a member silent this long is removed from its group. The broker
   * accepts 6000 to 300000 by default.
   * @default 30000
   */
  readonly sessionTimeoutMs?: number;
  /**
   * How long the group waits for its members to rejoin during a rebalance, ms.
   * @default 60000
   */
  readonly rebalanceTimeoutMs?: number;
  /**
   * Consumer heartbeat interval, ms; also how fast a member notices a rebalance.
   * @default 3000
   */
  readonly heartbeatIntervalMs?: number;
  /**
   * Longest a fetch waits on the broker for new messages, ms. Bounds how long `close()` waits
   * for an idle consumer, and does not delay messages (a fetch returns as soon as data arrives).
   * @default 1000
   */
  readonly maxWaitTimeMs?: number;
  /**
   * Most bytes one fetch takes from a partition, which bounds the size of a batch, and so of a
   * transaction of a transactional subscription. The broker always returns at least one whole
   * record batch (what one produce request put on the partition), however large.
   * @default 1048576 (kafkajs's)
   */
  readonly maxBytesPerPartition?: number;
  /**
   * Partitions of one subscription handled at the same time; `undefined` means all of the
   * topic's partitions.
   * @default the topic's partition count
   */
  readonly partitionsConsumedConcurrently?: number;
  /**
   * First back-off after a batch handler rejects, ms; doubled on each further failure of the
   * same partition, up to `maxRetryDelayMs`.
   * @default 100
   */
  readonly retryDelayMs?: number;
  /**
   * Longest back-off after a batch handler rejects, ms.
   * @default 5000
   */
  readonly maxRetryDelayMs?: number;
}

export type KafkaBusOptionsWithDefaults = Required<
  Omit<KafkaBusOptions, 'partitionsConsumedConcurrently' | 'security'>
> &
  Pick<KafkaBusOptions, 'partitionsConsumedConcurrently' | 'security'>;

/** The options with every default applied. */
export function withKafkaBusDefaults(
  options: KafkaBusOptions,
  defaultLogger: KafkaBusLogger,
): KafkaBusOptionsWithDefaults {
  if (options.brokers.length === 0) throw new Error('KafkaBus: at least one broker is required');
  return {
    brokers: options.brokers,
    ...(options.security ? { security: options.security } : {}),
    clientId: options.clientId ?? 'baton',
    topicPrefix: options.topicPrefix ?? '',
    defaultPartitions: options.defaultPartitions ?? 8,
    replicationFactor: options.replicationFactor ?? -1,
    createTopicsOnDemand: options.createTopicsOnDemand ?? true,
    logger: options.logger ?? defaultLogger,
    logLevel: options.logLevel ?? 'warn',
    connectionTimeoutMs: options.connectionTimeoutMs ?? 3000,
    retries: options.retries ?? 5,
    sessionTimeoutMs: options.sessionTimeoutMs ?? 30_000,
    rebalanceTimeoutMs: options.rebalanceTimeoutMs ?? 60_000,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 3000,
    maxWaitTimeMs: options.maxWaitTimeMs ?? 1000,
    maxBytesPerPartition: options.maxBytesPerPartition ?? 1_048_576,
    partitionsConsumedConcurrently: options.partitionsConsumedConcurrently,
    retryDelayMs: options.retryDelayMs ?? 100,
    maxRetryDelayMs: options.maxRetryDelayMs ?? 5000,
  };
}
