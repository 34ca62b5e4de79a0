// The adapter as `npm run start:integration-adapter` runs it (configuration from the environment,
// its own KafkaBus), beside an engine on the real Kafka broker and FerretDB: service tasks of type
// `http` call a local HTTP server, `kafka-send` tasks produce to a plugin's topic.
import { connectInfrastructure, createEngineRuntime, type EngineRuntime } from '@baton/engine';
import { readConfig } from '@baton/platform';
import { KafkaBus, type ConsumedMessage, type Subscription } from '@baton/messaging';
import {
  answerJson,
  answerText,
  secureKafkaEnvironment,
  serviceTaskProcess,
  startTestHttpServer,
  uniqueName,
  waitFor,
  type TestHttpServer,
} from '@baton/testing';
import { instancePartitions } from '@baton/topics';
import { startAdapterProcess, type AdapterProcess, adapterConfigSchema } from '@baton/integration-adapter';

const brokers = process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092';
const topicPrefix = `${uniqueName('adapter-int')}.`;
let engine: EngineRuntime;
let adapter: AdapterProcess;
let server: TestHttpServer;
let probeBus: KafkaBus;

beforeAll(async () => {
  const infrastructure = await connectInfrastructure(
    {
      kafkaBrokers: brokers.split(','),
      mongodbUri: process.env['MONGODB_URI'] ?? 'mongodb://127.0.0.1:27017/',
      mongodbDatabase: uniqueName('adapter_int').replaceAll('-', '_'),
      topicPrefix,
      clientId: uniqueName('engine'),
      sessionTimeoutMs: 6000,
    },
    { maxAttempts: 1 },
  );
  engine = await createEngineRuntime({
    ...infrastructure.runtimeOptions,
    topicPrefix,
    partitions: instancePartitions,
    kafkaJobTypes: ['http', 'kafka-send'],
    kafkaJobTimeoutMs: 60_000,
    logInfo: () => {},
  });
  // The adapter connects with mutual TLS (the test broker's SSL listener), as with a Strimzi
  // KafkaUser of `tls` authentication; the engine beside it on the plain listener.
  const config = readConfig(adapterConfigSchema, {
    ...secureKafkaEnvironment('mutual-tls'),
    TOPIC_PREFIX: topicPrefix,
    REPLICA_ID: uniqueName('adapter'),
    ADAPTER_RETRY_BACKOFF_MS: '100',
    HEALTH_PORT: '0',
  });
  adapter = await startAdapterProcess(config, { retryDelayMs: 500 });
  server = await startTestHttpServer();
  probeBus = new KafkaBus({ brokers: brokers.split(','), clientId: uniqueName('probe'), topicPrefix });
  await probeBus.connect();
}, 60_000);

afterAll(async () => {
  await adapter?.stop();
  await engine?.close();
  await probeBus?.close();
  await server?.close();
}, 60_000);

it('answers the readiness probe once Kafka answers', async () => {
  const response = await fetch(`http://127.0.0.1:${adapter.health.port}/health/ready`);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ status: 'UP', checks: { kafka: { status: 'UP' } } });
});

async function deploy(jobType: string, headers: Record<string, string>): Promise<string> {
  const processId = uniqueName('adapter-int');
  await engine.deploy([
    { name: `${processId}.bpmn`, content: serviceTaskProcess(processId, jobType, headers) },
  ]);
  return processId;
}

it('completes an instance whose service task calls a local HTTP server, with the response in its variables', async () => {
  server.handle(answerJson(200, { approved: true, limit: 1500 }));
  const processId = await deploy('http', {
    url: `${server.url}/credit-check`,
    method: 'POST',
    headers: '{"authorization": "Bearer test-token"}',
    body: '={ customer: customer }',
    resultVariable: 'creditCheck',
  });
  const created = await engine.createInstance({
    processDefinitionId: processId,
    variables: { customer: 'grace' },
    awaitCompletion: true,
    requestTimeoutMs: 30_000,
  });
  expect(created.variables).toMatchObject({
    customer: 'grace',
    creditCheck: { status: 200, body: { approved: true, limit: 1500 } },
  });
  const request = server.requests.find((each) => each.url === '/credit-check');
  expect(request?.headers['authorization']).toBe('Bearer test-token');
  expect(JSON.parse(request?.body ?? 'null')).toEqual({ customer: 'grace' });
});

it('retries once after a 500 and completes on the 200 that follows', async () => {
  const path = `/${uniqueName('flaky')}`;
  let calls = 0;
  server.handle((request, response) => {
    if (request.url !== path) return answerText(404, 'unexpected')(request, response);
    calls++;
    return calls === 1
      ? answerText(500, 'boom')(request, response)
      : answerJson(200, { calls })(request, response);
  });
  const processId = await deploy('http', {
    url: `${server.url}${path}`,
    resultExpression: '={ calls: body.calls }',
  });
  const created = await engine.createInstance({
    processDefinitionId: processId,
    awaitCompletion: true,
    requestTimeoutMs: 30_000,
  });
  expect(created.variables).toEqual({ calls: 2 });
  expect(calls).toBe(2);
});

it('produces a kafka-send message with the instance headers to the target topic', async () => {
  const topic = uniqueName('billing.invoice-requested');
  const received: ConsumedMessage[] = [];
  const plugin: Subscription = await probeBus.subscribe({
    topic: `${topicPrefix}${topic}`,
    groupId: uniqueName('billing-plugin'),
    fromBeginning: true,
    eachBatch: (batch) => {
      received.push(...batch.messages);
      return Promise.resolve();
    },
  });
  try {
    const processId = await deploy('kafka-send', {
      topic,
      payload: '={ invoiceFor: customer, amount: amount }',
      resultVariable: 'invoiceRequest',
    });
    const created = await engine.createInstance({
      processDefinitionId: processId,
      variables: { customer: 'alan', amount: 99 },
      awaitCompletion: true,
      requestTimeoutMs: 30_000,
    });
    const [message] = await waitFor(() => (received.length > 0 ? received : undefined), {
      timeoutMs: 20_000,
      description: 'the message on the plugin topic',
    });
    expect(message).toMatchObject({
      key: created.processInstanceKey,
      value: { invoiceFor: 'alan', amount: 99 },
      headers: {
        processInstanceKey: created.processInstanceKey,
        elementId: 'call',
        traceparent: expect.stringMatching(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/),
      },
    });
    expect(created.variables['invoiceRequest']).toEqual({
      topic: `${topicPrefix}${topic}`,
      messageId: message!.headers['messageId'],
    });
  } finally {
    await plugin.close();
  }
});

// Last: after the jobs of the tests above.
it('measures each job from its delivery to its answer, and the messages handled, on /metrics', async () => {
  const metrics = await (await fetch(`http://127.0.0.1:${adapter.health.port}/metrics`)).text();
  expect(metrics).toMatch(
    /^baton_job_latency_seconds_count\{service="integration-adapter",type="http",result="COMPLETE"\} [1-9]/m,
  );
  expect(metrics).toMatch(
    /^baton_messages_handled_total\{topic="baton\.jobs\.http\.v1",service="integration-adapter"\} [1-9]/m,
  );
});
