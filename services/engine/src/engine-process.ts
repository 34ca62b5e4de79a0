// An engine replica as an operating-system process: configuration → infrastructure → runtime →
// HTTP server, and a clean stop on SIGTERM/SIGINT (finish the batch in flight, commit, leave the
// consumer group, close the clients). Used by `npm run start:engine` and by the standalone.
import { randomUUID } from 'node:crypto';
import type { Registry } from 'prom-client';
import { configureFeelLimits } from '@baton/bpmn';
import { instancePartitions } from '@baton/topics';
import {
  authDisabledWarning,
  authSettingsOf,
  createAuthenticator,
  createLogger,
  kafkaSecurityOf,
  type Authenticator,
  type Logger,
} from '@baton/platform';
import type { EngineConfig } from './config/engine-config';
import { connectInfrastructure } from './config/connect-infrastructure';
import { feelLimitsOf } from './config/feel-config';
import { createEngineRuntime, type EngineRuntime } from './engine-runtime';
import { startHttpServer, type RunningHttpServer } from './http';
import { observeEngine } from './observability';

export interface EngineProcess {
  readonly engine: EngineRuntime;
  readonly server: RunningHttpServer;
  /** Which bus and store the replica runs on, for the start-up message. */
  readonly infrastructure: string;
  /** The replica's Prometheus registry, served at `/metrics`. */
  readonly metrics: Registry;
  /** The replica's JSON log. */
  readonly logger: Logger;
  /** How REST callers are authenticated (shared with an embedded socket gateway). */
  readonly authenticator: Authenticator;
  /** Stops the HTTP server, then the engine. */
  stop(): Promise<void>;
}

/** Starts a replica from validated configuration; `signal` aborts a start still waiting for Kafka or MongoDB. */
export async function startEngineProcess(config: EngineConfig, signal?: AbortSignal): Promise<EngineProcess> {
  const replicaId = config.REPLICA_ID ?? `engine-${randomUUID()}`;
  configureFeelLimits(feelLimitsOf(config)); // process-wide, as feelin is
  const logger = createLogger({ service: 'engine', replicaId });
  const kafkaSecurity = kafkaSecurityOf(config);
  const infrastructure = await connectInfrastructure(
    {
      ...(config.KAFKA_BROKERS ? { kafkaBrokers: config.KAFKA_BROKERS } : {}),
      ...(kafkaSecurity ? { kafkaSecurity } : {}),
      ...(config.MONGODB_URI ? { mongodbUri: config.MONGODB_URI } : {}),
      mongodbDatabase: config.MONGODB_DATABASE,
      topicPrefix: config.TOPIC_PREFIX,
      clientId: replicaId,
      sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS,
      logger,
    },
    signal ? { signal } : {},
  );
  const onKafka = infrastructure.runtimeOptions.bus !== undefined;
  const observed = observeEngine(infrastructure.runtimeOptions, {
    replicaId,
    topicPrefix: config.TOPIC_PREFIX,
    logger,
    ...(onKafka && config.KAFKA_BROKERS ? { kafkaBrokers: config.KAFKA_BROKERS } : {}),
    ...(kafkaSecurity ? { kafkaSecurity } : {}),
  });
  const engine = await createEngineRuntime({
    ...observed.runtimeOptions,
    replicaId,
    partitions: onKafka ? instancePartitions : config.PARTITIONS,
    topicPrefix: config.TOPIC_PREFIX,
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    createAnswer: config.ENGINE_CREATE_ANSWER,
    maxInstanceVariablesBytes: config.MAX_INSTANCE_VARIABLES_BYTES,
    clockControl: config.ENGINE_CLOCK_CONTROL,
    kafkaJobTypes: config.KAFKA_JOB_TYPES,
    kafkaJobTimeoutMs: config.KAFKA_JOB_TIMEOUT_MS,
  });
  const authSettings = authSettingsOf(config);
  if (authSettings.mode === 'none') logger.warn(authDisabledWarning);
  const authenticator = createAuthenticator(authSettings);
  const server = await startHttpServer(engine, {
    authenticator,
    port: config.PORT,
    host: config.HOST,
    readinessChecks: infrastructure.readinessChecks,
    metricsRegistry: observed.registry,
    logger,
  });
  return {
    engine,
    server,
    infrastructure: infrastructure.description,
    metrics: observed.registry,
    logger,
    authenticator,
    stop: async () => {
      await server.close();
      await engine.close();
      await observed.close();
    },
  };
}
