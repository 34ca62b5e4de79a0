// A real engine replica on Kafka and the MongoDB-wire database, seen as Kubernetes and
// Prometheus see it: the readiness probe, and the series of /metrics after an instance ran
// through a job worked over Kafka. The replica connects as it would to a Strimzi cluster: over
// TLS with SCRAM-SHA-512 (the test broker's SASL_SSL listener), so its bus, probe and lag reader
// are all checked on a secure connection.
import {
  secureKafkaEnvironment,
  seriesValue,
  testAuthEnvironment,
  uniqueName,
  waitFor,
} from '@baton/testing';
import { engineConfigSchema } from '../config/engine-config';
import { readConfig } from '@baton/platform';
import { startEngineProcess, type EngineProcess } from '../engine-process';
import { serviceTaskBpmn } from '../../test/fixtures/bpmn-fixtures';
import { startKafkaTestWorker, type KafkaTestWorker } from '../../test/support/kafka-test-worker';
import { connectTestBus, realTestSettings } from '../../test/support/test-runtime';
import type { KafkaBus } from '@baton/messaging';

const settings = realTestSettings('observed');
const jobType = uniqueName('observed-job');
let started: EngineProcess;
let workerBus: KafkaBus;
let worker: KafkaTestWorker;
let baseUrl: string;

beforeAll(async () => {
  const config = readConfig(engineConfigSchema, {
    PORT: '0',
    HOST: '127.0.0.1',
    ...secureKafkaEnvironment('scram-sha-512'),
    MONGODB_URI: settings.mongodbUri,
    MONGODB_DATABASE: settings.mongodbDatabase,
    TOPIC_PREFIX: settings.topicPrefix,
    REPLICA_ID: settings.clientId,
    KAFKA_JOB_TYPES: jobType,
    KAFKA_SESSION_TIMEOUT_MS: '6000',
    ...testAuthEnvironment,
  });
  started = await startEngineProcess(config);
  baseUrl = `http://127.0.0.1:${started.server.port}`;
  workerBus = await connectTestBus(settings, uniqueName('observed-worker'));
  worker = await startKafkaTestWorker(workerBus, {
    topicPrefix: settings.topicPrefix,
    type: jobType,
    handle: () => ({ result: 'COMPLETE', variables: { done: true } }),
  });
}, 60_000);

afterAll(async () => {
  await worker?.close();
  await workerBus?.close();
  await started?.stop();
}, 60_000);

it('is ready, having reached Kafka and MongoDB', async () => {
  const response = await fetch(`${baseUrl}/health/ready`);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({
    status: 'UP',
    checks: { kafka: { status: 'UP' }, mongodb: { status: 'UP' } },
  });
});

it('serves the operator series on /metrics once an instance ran', async () => {
  const processId = uniqueName('observed');
  await started.engine.deploy([{ name: `${processId}.bpmn`, content: serviceTaskBpmn(processId, jobType) }]);
  await started.engine.createInstance({ processDefinitionId: processId });
  const registry = started.metrics;
  await waitFor(
    async () =>
      ((await seriesValue(registry, 'baton_engine_instances_ended_total', { state: 'COMPLETED' })) ?? 0) >= 1,
    { timeoutMs: 30_000 },
  );

  const response = await fetch(`${baseUrl}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  const text = await response.text();
  for (const series of [
    'baton_engine_commands_applied_total',
    'baton_engine_instances_started_total',
    'baton_engine_instances_ended_total',
    'baton_engine_store_write_seconds_bucket',
    'baton_job_latency_seconds_bucket',
    'baton_messages_handled_total',
    'nodejs_eventloop_lag_seconds',
  ])
    expect(text).toContain(series);
  expect(await seriesValue(registry, 'baton_engine_instances_started_total')).toBeGreaterThanOrEqual(1);
  expect(
    await seriesValue(registry, 'baton_job_latency_seconds_count', { type: jobType, result: 'COMPLETE' }),
  ).toBe(1);
  // Counted once the batch is written and committed, a moment after apply ended the instance.
  await waitFor(
    async () =>
      ((await seriesValue(registry, 'baton_messages_handled_total', { topic: 'baton.engine.commands.v1' })) ??
        0) >= 2,
    { timeoutMs: 10_000, description: 'both commands counted as handled' },
  );
  // Read from the cluster at scrape time: the command group's committed offsets against the log.
  expect(
    await seriesValue(registry, 'baton_consumer_lag', { topic: 'baton.engine.commands.v1' }),
  ).toBeGreaterThanOrEqual(0);
  expect(
    await seriesValue(registry, 'baton_engine_store_write_seconds_count', {
      store: 'instances',
      outcome: 'ok',
    }),
  ).toBeGreaterThanOrEqual(1);
}, 60_000);
