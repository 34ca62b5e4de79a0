// An engine replica as an operating-system process: configuration → infrastructure → runtime →
// HTTP server, and a clean stop on SIGTERM/SIGINT (finish the batch in flight, commit, leave the
// consumer group, close the clients). Used by `npm run start:engine` and by the standalone.
import { randomUUID } from 'node:crypto';
import type { Registry } from 'prom-client';
import { instancePartitions } from '@baton/topics';
import { authDisabledWarning, authSettingsOf } from './auth/auth-config';
import { createAuthenticator, type Authenticator } from './auth/authenticator';
import type { EngineConfig } from './config/engine-config';
import { connectInfrastructure } from './config/connect-infrastructure';
import { kafkaSecurityOf } from './config/kafka-security-config';
import { createEngineRuntime, type EngineRuntime } from './engine-runtime';
import { startHttpServer, type RunningHttpServer } from './http';
import { createLogger, observeEngine, type Logger } from './observability';

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

/**
 * Runs `start`, then calls `stop` once on the first SIGTERM or SIGINT. A signal during the start
 * aborts it (e.g. while waiting for Kafka) and exits. `logger` tells of the stop and of failures.
 */
export function runUntilSignalled<T>(
  name: string,
  start: (signal: AbortSignal) => Promise<T>,
  stop: (started: T) => Promise<void>,
  logger: Logger = createLogger({ service: 'baton' }),
): void {
  const abort = new AbortController();
  let started: T | undefined;
  let signalled: string | undefined;
  const stopStarted = (value: T, signal: string): void => {
    logger.info({ signal }, `${signal} received: stopping ${name}…`);
    stop(value)
      .then(() => {
        logger.info(`${name} stopped.`);
        process.exitCode = 0;
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, `${name}: error while stopping`);
        process.exitCode = 1;
      });
  };
  const onSignal = (signal: string): void => {
    if (signalled) return;
    signalled = signal;
    abort.abort();
    if (started !== undefined) stopStarted(started, signal);
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
  start(abort.signal)
    .then((value) => {
      started = value;
      // A signal that came while starting but did not abort it (the start was past its waits).
      if (signalled) stopStarted(value, signalled);
    })
    .catch((error: unknown) => {
      // The message alone: a configuration error explains itself, its stack would bury it.
      logger.fatal(`${name} did not start: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
