// A gateway replica as an operating-system process (`npm run start:socket-gateway`): Kafka for the
// engine's instance events, the engine's REST API for snapshots and the proxied `/v2`.
import { connectKafkaBus, KafkaReachability } from '@baton/messaging';
import type { GatewayConfig } from './config/gateway-config';
import { startSocketGateway, type RunningSocketGateway } from './gateway';
import { restSnapshotSource } from './snapshots/rest-snapshot-source';

export interface GatewayProcess {
  readonly gateway: RunningSocketGateway;
  stop(): Promise<void>;
}

export async function startGatewayProcess(
  config: GatewayConfig,
  signal?: AbortSignal,
): Promise<GatewayProcess> {
  const replicaId = config.REPLICA_ID ?? `gateway-${crypto.randomUUID()}`;
  const bus = await connectKafkaBus(
    { brokers: config.KAFKA_BROKERS, clientId: replicaId, topicPrefix: config.TOPIC_PREFIX },
    signal ? { signal } : {},
  );
  const kafka = new KafkaReachability({ brokers: config.KAFKA_BROKERS, clientId: `${replicaId}-health` });
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
    });
    return {
      gateway,
      stop: async () => {
        await gateway.close();
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
