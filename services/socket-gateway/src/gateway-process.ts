// A gateway replica as an operating-system process (`npm run start:socket-gateway`): Kafka for the
// engine's instance events, the engine's REST API for snapshots and the proxied `/v2`.
import {
  authDisabledWarning,
  createLogger,
  createMetricsRegistry,
  instrumentBus,
  kafkaBusLogger,
  kafkaSecurityOf,
  logErrorTo,
  type Logger,
} from '@baton/platform';
import { connectKafkaBus, KafkaConsumerLag, KafkaReachability } from '@baton/messaging';
import type { Registry } from 'prom-client';
import type { GatewayConfig } from './config/gateway-config';
import { startSocketGateway, type RunningSocketGateway } from './gateway';
import { registerGatewayMetrics } from './gateway-metrics';
import { restSnapshotSource } from './snapshots/rest-snapshot-source';
import { gatewayAuthOf } from './config/gateway-auth';
import { consoleSignInOf } from './config/console-sign-in';

export interface GatewayProcess {
  readonly gateway: RunningSocketGateway;
  /** The replica's Prometheus registry, served at `/metrics`. */
  readonly metrics: Registry;
  /** The replica's JSON log. */
  readonly logger: Logger;
  stop(): Promise<void>;
}

export async function startGatewayProcess(
  config: GatewayConfig,
  signal?: AbortSignal,
): Promise<GatewayProcess> {
  const replicaId = config.REPLICA_ID ?? `gateway-${crypto.randomUUID()}`;
  const logger = createLogger({ service: 'socket-gateway', replicaId });
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
    { log: (message) => logger.warn(message), ...(signal ? { signal } : {}) },
  );
  const kafka = new KafkaReachability({ ...connection, clientId: `${replicaId}-health` });
  const lag = new KafkaConsumerLag({ ...connection, clientId: `${replicaId}-lag` });
  const metrics = createMetricsRegistry('socket-gateway');
  const bus = instrumentBus(kafkaBus, {
    registry: metrics,
    logger,
    topicPrefix: config.TOPIC_PREFIX,
    consumerLag: (groupId, topic) => lag.lag(groupId, topic),
  });
  try {
    const auth = gatewayAuthOf(config, replicaId);
    if (config.AUTH_MODE === 'none') logger.warn(authDisabledWarning);
    const consoleSignIn = consoleSignInOf(config);
    const gateway = await startSocketGateway({
      port: config.PORT,
      host: config.HOST,
      bus,
      topicPrefix: config.TOPIC_PREFIX,
      replicaId,
      engineUrl: config.ENGINE_URL,
      snapshots: restSnapshotSource({ engineUrl: config.ENGINE_URL, token: auth.engineToken }),
      authenticator: auth.authenticator,
      ...(consoleSignIn ? { consoleSignIn } : {}),
      maxQueuedUpdates: config.SOCKET_MAX_QUEUED_UPDATES,
      snapshotLimit: config.SOCKET_SNAPSHOT_LIMIT,
      resumeMaxUpdates: config.SOCKET_RESUME_MAX_UPDATES,
      resumeWindowMs: config.SOCKET_RESUME_WINDOW_MS,
      readinessChecks: { kafka: () => kafka.check() },
      metricsRegistry: metrics,
      logError: logErrorTo(logger),
    });
    registerGatewayMetrics(metrics, () => gateway.stats());
    return {
      gateway,
      metrics,
      logger,
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
