// An adapter replica as an operating-system process (`npm run start:integration-adapter`): a
// KafkaBus, connected with retries while Kafka is not reachable yet, and the workers on it.
import { randomUUID } from 'node:crypto';
import {
  createLogger,
  createMetricsRegistry,
  instrumentBus,
  kafkaBusLogger,
  kafkaSecurityOf,
  type Logger,
} from '@baton/platform';
import { connectKafkaBus, KafkaConsumerLag, KafkaReachability } from '@baton/messaging';
import type { Registry } from 'prom-client';
import type { AdapterConfig } from './config/adapter-config';
import { adapterOptionsFromConfig } from './config/options-from-config';
import { startHealthServer, type RunningHealthServer } from './health/health-server';
import { startIntegrationAdapter, type RunningIntegrationAdapter } from './integration-adapter';

export interface AdapterProcess {
  readonly adapter: RunningIntegrationAdapter;
  readonly replicaId: string;
  /** The replica's JSON log. */
  readonly logger: Logger;
  /** The probes' and metrics' server on HEALTH_PORT. */
  readonly health: RunningHealthServer;
  /** The replica's Prometheus registry, served at `/metrics`. */
  readonly metrics: Registry;
  /** Leaves the consumer groups (answering the jobs in flight), then closes the bus. */
  stop(): Promise<void>;
}

export interface AdapterProcessOptions {
  /** Aborts a start still waiting for Kafka. */
  readonly signal?: AbortSignal;
  /** Pause between connection attempts, ms. @default 5000 */
  readonly retryDelayMs?: number;
  /** Where failed connection attempts are told. @default the replica's logger, at warn */
  readonly log?: (message: string) => void;
}

export async function startAdapterProcess(
  config: AdapterConfig,
  options: AdapterProcessOptions = {},
): Promise<AdapterProcess> {
  const replicaId = config.REPLICA_ID ?? `integration-adapter-${randomUUID()}`;
  const logger = createLogger({ service: 'integration-adapter', replicaId });
  const security = kafkaSecurityOf(config);
  // Every Kafka client of the replica (bus, readiness probe, lag reader) connects the same way.
  const connection = { brokers: config.KAFKA_BROKERS, ...(security ? { security } : {}) };
  const kafkaBus = await connectKafkaBus(
    {
      ...connection,
      clientId: replicaId,
      topicPrefix: config.TOPIC_PREFIX,
      logger: kafkaBusLogger(logger),
    },
    { log: (message) => logger.warn(message), ...options },
  );
  const kafka = new KafkaReachability({ ...connection, clientId: `${replicaId}-health` });
  const lag = new KafkaConsumerLag({ ...connection, clientId: `${replicaId}-lag` });
  const metrics = createMetricsRegistry('integration-adapter');
  // Job latency here is the worker's: from a job's delivery to its answer.
  const bus = instrumentBus(kafkaBus, {
    registry: metrics,
    logger,
    topicPrefix: config.TOPIC_PREFIX,
    consumerLag: (groupId, topic) => lag.lag(groupId, topic),
  });
  try {
    const adapter = await startIntegrationAdapter({
      ...adapterOptionsFromConfig(config),
      logger,
      bus,
      topicPrefix: config.TOPIC_PREFIX,
    });
    const health = await startHealthServer({
      port: config.HEALTH_PORT,
      readinessChecks: { kafka: () => kafka.check() },
      metricsRegistry: metrics,
    }).catch(async (error: unknown) => {
      await adapter.close();
      throw error;
    });
    return {
      adapter,
      replicaId,
      logger,
      health,
      metrics,
      stop: async () => {
        await adapter.close();
        await health.close();
        await Promise.all([kafka.close(), lag.close()]);
        await bus.close();
      },
    };
  } catch (error) {
    await Promise.all([kafka.close(), lag.close()]);
    await bus.close();
    throw error;
  }
}
