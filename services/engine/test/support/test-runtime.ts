// The runtime the engine's scenario tests run on: the embedded one, or — in the integration suite
// (BATON_TEST_RUNTIME=real) — the same engine on the real Kafka broker and MongoDB-wire database,
// isolated by a topic prefix and a database of its own. The tests themselves do not change.
import { uniqueName } from '@baton/testing';
import { instancePartitions } from '@baton/topics';
import { KafkaBus } from '@baton/messaging';
import { connectInfrastructure } from '../../src/config/connect-infrastructure';
import { createEngineRuntime, type EngineRuntime, type EngineRuntimeOptions } from '../../src/engine-runtime';
import { createLogger, type Logger } from '@baton/platform';

/** Whether this test run is on Kafka + MongoDB. */
export function onRealInfrastructure(): boolean {
  return process.env['BATON_TEST_RUNTIME'] === 'real';
}

/** Settings of the real infrastructure for one test file: its own topics and database. */
export function realTestSettings(name = 'test') {
  return {
    kafkaBrokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','),
    mongodbUri: process.env['MONGODB_URI'] ?? 'mongodb://127.0.0.1:27017/',
    mongodbDatabase: uniqueName(name).replaceAll('-', '_'),
    topicPrefix: `${uniqueName(name)}.`,
    clientId: uniqueName(name),
  };
}

/**
 * Tests log warnings and errors only (the info lines of every runtime a suite starts would bury a
 * failure's output); LOG_LEVEL overrides it, and a test that checks log lines passes its own logger.
 */
function testLogger(): Logger {
  return createLogger({ service: 'engine', level: process.env['LOG_LEVEL'] ?? 'warn' });
}

/** An engine runtime for a test: embedded, or on the real infrastructure in the integration suite. */
export async function startTestRuntime(options: EngineRuntimeOptions = {}): Promise<EngineRuntime> {
  if (!onRealInfrastructure()) return createEngineRuntime({ logger: testLogger(), ...options });
  const settings = realTestSettings('rest');
  const infrastructure = await connectInfrastructure(settings, { maxAttempts: 1 });
  return createEngineRuntime({
    ...infrastructure.runtimeOptions,
    topicPrefix: settings.topicPrefix,
    partitions: instancePartitions,
    logger: testLogger(),
    ...options,
  });
}

export type RealTestSettings = ReturnType<typeof realTestSettings>;

/** An engine runtime on the real infrastructure with the given topics and database (several may share them). */
export async function startRealRuntime(
  settings: RealTestSettings,
  options: EngineRuntimeOptions = {},
): Promise<EngineRuntime> {
  const infrastructure = await connectInfrastructure(
    { ...settings, sessionTimeoutMs: 6000 },
    { maxAttempts: 1 },
  );
  return createEngineRuntime({
    ...infrastructure.runtimeOptions,
    topicPrefix: settings.topicPrefix,
    partitions: instancePartitions,
    logger: testLogger(),
    ...options,
  });
}

/** A Kafka bus on the test's topics, for workers and probes of the test itself. */
export async function connectTestBus(settings: RealTestSettings, clientId = 'test-probe'): Promise<KafkaBus> {
  const bus = new KafkaBus({
    brokers: settings.kafkaBrokers,
    clientId,
    topicPrefix: settings.topicPrefix,
    sessionTimeoutMs: 6000,
    heartbeatIntervalMs: 500,
  });
  await bus.connect();
  return bus;
}
