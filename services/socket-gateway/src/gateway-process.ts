// A gateway replica as an operating-system process (`npm run start:socket-gateway`): Kafka for the
// engine's instance events, the engine's REST API for snapshots and the proxied `/v2`.
import { KafkaBus } from '@baton/messaging';
import type { GatewayConfig } from './config/gateway-config';
import { startSocketGateway, type RunningSocketGateway } from './gateway';
import { restSnapshotSource } from './snapshots/rest-snapshot-source';

export interface GatewayProcess {
  readonly gateway: RunningSocketGateway;
  stop(): Promise<void>;
}

const retryDelayMs = 5000;

export async function startGatewayProcess(
  config: GatewayConfig,
  signal?: AbortSignal,
): Promise<GatewayProcess> {
  const replicaId = config.REPLICA_ID ?? `gateway-${crypto.randomUUID()}`;
  const bus = await connectKafka(config, replicaId, signal);
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
    });
    return {
      gateway,
      stop: async () => {
        await gateway.close();
        await bus.close();
      },
    };
  } catch (error) {
    await bus.close();
    throw error;
  }
}

/** Connects to Kafka, retrying while it is not reachable yet (a replica may start before Kafka). */
async function connectKafka(
  config: GatewayConfig,
  replicaId: string,
  signal?: AbortSignal,
): Promise<KafkaBus> {
  for (;;) {
    const bus = new KafkaBus({
      brokers: config.KAFKA_BROKERS,
      clientId: replicaId,
      topicPrefix: config.TOPIC_PREFIX,
    });
    try {
      await bus.connect();
      return bus;
    } catch (error) {
      await bus.close().catch(() => undefined);
      if (signal?.aborted) throw error;
      console.error(
        `Baton socket gateway: cannot reach Kafka at ${config.KAFKA_BROKERS.join(',')}: ${error instanceof Error ? error.message : String(error)}. Retrying in ${retryDelayMs / 1000} s.`,
      );
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
      if (signal?.aborted) throw new Error('stopped while waiting for Kafka');
    }
  }
}
