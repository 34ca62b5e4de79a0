// An adapter replica as an operating-system process (`npm run start:integration-adapter`): a
// KafkaBus, connected with retries while Kafka is not reachable yet, and the workers on it.
import { randomUUID } from 'node:crypto';
import { connectKafkaBus, KafkaReachability } from '@baton/messaging';
import type { AdapterConfig } from './config/adapter-config';
import { adapterOptionsFromConfig } from './config/options-from-config';
import { startHealthServer, type RunningHealthServer } from './health/health-server';
import { startIntegrationAdapter, type RunningIntegrationAdapter } from './integration-adapter';

export interface AdapterProcess {
  readonly adapter: RunningIntegrationAdapter;
  readonly replicaId: string;
  /** The probes' server on HEALTH_PORT. */
  readonly health: RunningHealthServer;
  /** Leaves the consumer groups (answering the jobs in flight), then closes the bus. */
  stop(): Promise<void>;
}

export interface AdapterProcessOptions {
  /** Aborts a start still waiting for Kafka. */
  readonly signal?: AbortSignal;
  /** Pause between connection attempts, ms. @default 5000 */
  readonly retryDelayMs?: number;
  /** @default console.error */
  readonly log?: (message: string) => void;
}

export async function startAdapterProcess(
  config: AdapterConfig,
  options: AdapterProcessOptions = {},
): Promise<AdapterProcess> {
  const replicaId = config.REPLICA_ID ?? `integration-adapter-${randomUUID()}`;
  const bus = await connectKafkaBus(
    { brokers: config.KAFKA_BROKERS, clientId: replicaId, topicPrefix: config.TOPIC_PREFIX },
    options,
  );
  const kafka = new KafkaReachability({ brokers: config.KAFKA_BROKERS, clientId: `${replicaId}-health` });
  try {
    const adapter = await startIntegrationAdapter({
      ...adapterOptionsFromConfig(config),
      bus,
      topicPrefix: config.TOPIC_PREFIX,
    });
    const health = await startHealthServer({
      port: config.HEALTH_PORT,
      readinessChecks: { kafka: () => kafka.check() },
    }).catch(async (error: unknown) => {
      await adapter.close();
      throw error;
    });
    return {
      adapter,
      replicaId,
      health,
      stop: async () => {
        await adapter.close();
        await health.close();
        await kafka.close();
        await bus.close();
      },
    };
  } catch (error) {
    await kafka.close();
    await bus.close();
    throw error;
  }
}
