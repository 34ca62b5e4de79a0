// Connects the adapters the configuration names: Kafka + MongoDB when both are set, else nothing
// (the runtime then builds the embedded in-memory ones). A replica started before its Kafka or
// MongoDB is reachable says so and retries, instead of crashing and being restarted in a loop.
import {
  connectKafkaBus,
  describeKafkaSecurity,
  KafkaReachability,
  retryUntilConnected,
  type KafkaSecurity,
  type TransactionalMessageBus,
  type RetryPolicy,
} from '@baton/messaging';
import { connectMongoStores, type ConnectedMongoStores } from '@baton/store';
import type { EngineRuntimeOptions } from '../engine-runtime';
import { kafkaBusLogger, type HealthChecks, type Logger } from '@baton/platform';

export interface InfrastructureSettings {
  readonly kafkaBrokers?: readonly string[];
  /** Kafka TLS and SASL; unset: plain TCP without authentication. */
  readonly kafkaSecurity?: KafkaSecurity;
  readonly mongodbUri?: string;
  readonly mongodbDatabase: string;
  readonly topicPrefix: string;
  readonly clientId: string;
  /** Consumer session timeout (failover time of a replica that died), ms. @default 10000 */
  readonly sessionTimeoutMs?: number;
  /**
   * Where the Kafka client and the connection retries log.
   * @default the console
   */
  readonly logger?: Logger;
}

export type { RetryPolicy } from '@baton/messaging';

/** What the runtime options need from the real infrastructure, and how it is described to users. */
export interface ConnectedInfrastructure {
  readonly description: string;
  readonly runtimeOptions: Pick<
    EngineRuntimeOptions,
    | 'bus'
    | 'instanceStore'
    | 'checkpointStore'
    | 'snapshotLeaseMs'
    | 'holdHandedOverJobsMs'
    | 'checkpointIntervalMs'
    | 'pipelineSnapshots'
    | 'definitionStore'
    | 'decisionStore'
    | 'formStore'
    | 'jobStore'
    | 'userTaskStore'
    | 'messageStore'
    | 'signalSubscriptionStore'
    | 'timerStore'
    | 'businessIdStore'
    | 'suspensionStore'
    | 'batchOperationStore'
    | 'historyStore'
    | 'onClose'
  >;
  /** What `/health/ready` checks: Kafka and MongoDB answer (none on the embedded defaults). */
  readonly readinessChecks: HealthChecks;
}

/** Embedded when neither Kafka nor MongoDB is configured; else connects both, retrying until they answer. */
export async function connectInfrastructure(
  settings: InfrastructureSettings,
  policy: RetryPolicy = {},
): Promise<ConnectedInfrastructure> {
  const { kafkaBrokers, mongodbUri } = settings;
  if (!kafkaBrokers || !mongodbUri)
    return { description: 'embedded (in-memory bus and store)', runtimeOptions: {}, readinessChecks: {} };
  const sessionTimeoutMs = settings.sessionTimeoutMs ?? 10_000;
  const { logger } = settings;
  if (logger && !policy.log) policy = { ...policy, log: (message) => logger.warn(message) };
  const heartbeatIntervalMs = Math.max(500, Math.floor(sessionTimeoutMs / 10));
  const bus: TransactionalMessageBus = await connectKafkaBus(
    {
      brokers: kafkaBrokers,
      ...(settings.kafkaSecurity ? { security: settings.kafkaSecurity } : {}),
      clientId: settings.clientId,
      topicPrefix: settings.topicPrefix,
      sessionTimeoutMs,
      heartbeatIntervalMs,
      rebalanceTimeoutMs: Math.max(sessionTimeoutMs, 10_000),
      ...(logger ? { logger: kafkaBusLogger(logger) } : {}),
    },
    policy,
  );
  let stores: ConnectedMongoStores;
  try {
    stores = await retryUntilConnected(`MongoDB at ${redact(mongodbUri)}`, policy, () =>
      connectMongoStores({ uri: mongodbUri, dbName: settings.mongodbDatabase }),
    );
  } catch (error) {
    await bus.close();
    throw error;
  }
  const kafka = new KafkaReachability({
    brokers: kafkaBrokers,
    clientId: `${settings.clientId}-health`,
    ...(settings.kafkaSecurity ? { security: settings.kafkaSecurity } : {}),
  });
  // The group gives a silent member's partitions away a session timeout after its last
  // heartbeat, which may be up to a heartbeat interval before a commit; a second of margin for
  // the write on its way.
  const snapshotLeaseMs = Math.max(1000, sessionTimeoutMs - heartbeatIntervalMs - 1000);
  return {
    description: `Kafka ${kafkaBrokers.join(',')} (${describeKafkaSecurity(settings.kafkaSecurity)}) + MongoDB ${redact(mongodbUri)} (database ${settings.mongodbDatabase})`,
    runtimeOptions: {
      bus,
      instanceStore: stores.instances,
      definitionStore: stores.definitions,
      decisionStore: stores.decisions,
      formStore: stores.forms,
      jobStore: stores.jobs,
      userTaskStore: stores.userTasks,
      messageStore: stores.messages,
      signalSubscriptionStore: stores.signalSubscriptions,
      timerStore: stores.timers,
      businessIdStore: stores.businessIds,
      suspensionStore: stores.suspensions,
      checkpointStore: stores.checkpoints,
      batchOperationStore: stores.batchOperations,
      historyStore: stores.history,
      snapshotLeaseMs,
      // A Kafka worker usually answers within a few hundred milliseconds: a job it answers within
      // a second costs the database nothing. Well inside the lease, which a held job's write keeps.
      holdHandedOverJobsMs: Math.min(1000, Math.floor(snapshotLeaseMs / 4)),
      // Each checkpoint write moves a document per partition, a FerretDB commit each.
      checkpointIntervalMs: 1000,
      // The next fetch need not wait for the database: batches run ahead of their writes, and the
      // Kafka bus settles them before a partition changes hands.
      pipelineSnapshots: true,
      onClose: async () => {
        await kafka.close();
        await bus.close();
        await stores.close();
      },
    },
    readinessChecks: {
      kafka: () => kafka.check(),
      mongodb: async () => {
        await stores.client.db('admin').command({ ping: 1 });
      },
    },
  };
}

/** The URI without its password, for logs. */
function redact(uri: string): string {
  return uri.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
