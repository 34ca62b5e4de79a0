// A gateway replica as an operating-system process (`npm run start:socket-gateway`): Kafka for the
// engine's instance events, the engine's REST API for snapshots and the proxied `/v2`.
import { createLogger, createMetricsRegistry, instrumentBus } from '@baton/engine';
import { connectKafkaBus, KafkaConsumerLag, KafkaReachability } from '@baton/messaging';
import type { Registry } from 'prom-client';
import type { GatewayConfig } from './config/gateway-config';
import { startSocketGateway, type RunningSocketGateway } from './gateway';
import { registerGatewayMetrics } from './gateway-metrics';
import { restSnapshotSource } from './snapshots/rest-snapshot-source';

export interface GatewayProcess {
  readonly gateway: RunningSocketGateway;
  /** The replica's Prometheus registry, served at `/metrics`. */
  readonly metrics: Registry;
  stop(): Promise<void>;
}

export async function startGatewayProcess(
  config: GatewayConfig,
  signal?: AbortSignal,
): Promise<GatewayProcess> {
  const replicaId = config.REPLICA_ID ?? `gateway-${crypto.randomUUID()}`;
  const kafkaBus = await connectKafkaBus(
    { brokers: config.KAFKA_BROKERS, clientId: replicaId, topicPrefix: config.TOPIC_PREFIX },
    signal ? { signal } : {},
  );
  const kafka = new KafkaReachability({ brokers: config.KAFKA_BROKERS, clientId: `${replicaId}-health` });
  const lag = new KafkaConsumerLag({ brokers: config.KAFKA_BROKERS, clientId: `${replicaId}-lag` });
  const metrics = createMetricsRegistry('socket-gateway');
  const logger = createLogger({ service: 'socket-gateway', replicaId });
  const bus = instrumentBus(kafkaBus, {
    registry: metrics,
    logger,
    topicPrefix: config.TOPIC_PREFIX,
    consumerLag: (groupId, topic) => lag.lag(groupId, topic),
  });
  try {
    const gateway = await startSocketGateway({
      port: config.PORT,
      host: config.HOST,
      bus,
      topicPrefix: config.TOPIC_PREFIX,
      replicaId,
      engineUrl: config.ENGINE_URL,
      snapshots: restSnapshotSource({ engineUrl: config.ENGINE_URL }),
      maxQueuedUpdates: config.SOCKET_MAX_QUEUED_UPDATES,
      snapshotLimit: config.SOCKET_SNAPSHOT_LIMIT,
      readinessChecks: { kafka: () => kafka.check() },
      metricsRegistry: metrics,
      logError: (message, error) => logger.error({ err: error }, message),
    });
    registerGatewayMetrics(metrics, () => gateway.stats());
    return {
      gateway,
      metrics,
      stop: async () => {
        await gateway.close();
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
