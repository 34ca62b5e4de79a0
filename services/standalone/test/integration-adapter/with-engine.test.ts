// End to end on the embedded engine: a BPMN service task of type `http` or `kafka-send`, handed
// to the bus by the engine (kafkaJobTypes), worked by the adapter on the same in-memory bus.
import { createEngineRuntime, type EngineRuntime } from '@baton/engine';
import type { ConsumedMessage } from '@baton/messaging';
import {
  answerJson,
  answerText,
  serviceTaskProcess,
  startTestHttpServer,
  uniqueName,
  waitFor,
  type TestHttpServer,
} from '@baton/testing';
import { topicName, topics } from '@baton/topics';
import { startIntegrationAdapter, type RunningIntegrationAdapter } from '@baton/integration-adapter';

const topicPrefix = 'embedded.';
let engine: EngineRuntime;
let adapter: RunningIntegrationAdapter;
let server: TestHttpServer;

beforeAll(async () => {
  engine = await createEngineRuntime({
    topicPrefix,
    kafkaJobTypes: ['http', 'kafka-send'],
    logInfo: () => {},
  });
  // A short back-off keeps the retry test quick; the engine honours it before handing the job out again.
  adapter = await startIntegrationAdapter({ bus: engine.bus, topicPrefix, retryBackOffMs: 50 });
  server = await startTestHttpServer();
});
afterAll(async () => {
  await adapter.close();
  await engine.close();
  await server.close();
});

async function deploy(jobType: string, headers: Record<string, string>, retries = 3): Promise<string> {
  const processId = uniqueName('adapter-e2e');
  await engine.deploy([
    { name: `${processId}.bpmn`, content: serviceTaskProcess(processId, jobType, headers, { retries }) },
  ]);
  return processId;
}

it('completes an instance whose service task calls an HTTP service, with the response in its variables', async () => {
  server.handle(answerJson(200, { score: 720, band: 'A' }));
  const processId = await deploy('http', {
    url: `=${JSON.stringify(server.url)} + "/scores/" + applicant`,
    method: 'POST',
    body: '={ applicant: applicant, amount: amount }',
    resultVariable: 'scoreResponse',
    resultExpression: '={ score: body.score }',
  });
  const created = await engine.createInstance({
    processDefinitionId: processId,
    variables: { applicant: 'ada', amount: 5000 },
    awaitCompletion: true,
  });
  expect(created.variables).toEqual({
    applicant: 'ada',
    amount: 5000,
    score: 720,
    scoreResponse: {
      status: 200,
      headers: expect.objectContaining({ 'content-type': 'application/json' }),
      body: { score: 720, band: 'A' },
    },
  });
  expect(server.requests.at(-1)).toMatchObject({ method: 'POST', url: '/scores/ada' });
  expect(JSON.parse(server.requests.at(-1)!.body)).toEqual({ applicant: 'ada', amount: 5000 });
});

it('retries after a 500 and completes on the next answer', async () => {
  let calls = 0;
  server.handle((request, response) => {
    calls++;
    if (calls === 1) answerText(500, 'try later')(request, response);
    else answerJson(200, { attempt: calls })(request, response);
  });
  const processId = await deploy('http', { url: server.url, resultExpression: '={ attempt: body.attempt }' });
  const created = await engine.createInstance({ processDefinitionId: processId, awaitCompletion: true });
  expect(created.variables).toEqual({ attempt: 2 });
  expect(calls).toBe(2);
});

it('turns a 404 into the BPMN error HTTP_404: an incident while nothing catches it', async () => {
  server.handle(answerText(404, 'no such thing'));
  const processId = await deploy('http', { url: `${server.url}/thing` });
  const created = await engine.createInstance({ processDefinitionId: processId });
  const incident = await waitFor(async () => {
    const instance = await engine.getInstance(created.processInstanceKey);
    return instance ? Object.values(instance.incidents)[0] : undefined;
  });
  expect(incident.errorMessage).toContain("'HTTP_404'");
  expect(incident.errorMessage).toContain(
    `GET ${server.url}/thing answered HTTP 404 Not Found: no such thing`,
  );
});

it('raises an incident with the FEEL message when the body cannot be evaluated', async () => {
  const processId = await deploy('http', { url: server.url, method: 'POST', body: '=customer.name' });
  const created = await engine.createInstance({ processDefinitionId: processId, variables: {} });
  const incident = await waitFor(async () => {
    const instance = await engine.getInstance(created.processInstanceKey);
    return instance ? Object.values(instance.incidents)[0] : undefined;
  });
  expect(incident).toMatchObject({ errorType: 'JOB_NO_RETRIES' });
  expect(incident.errorMessage).toMatch(/^task header 'body': failed to evaluate expression 'customer.name'/);
});

it('sends a Kafka message for a kafka-send task and moves on', async () => {
  const topic = uniqueName('crm.customer-updated');
  const received: ConsumedMessage[] = [];
  const plugin = await engine.bus.subscribe({
    topic: `${topicPrefix}${topic}`,
    groupId: uniqueName('crm-plugin'),
    fromBeginning: true,
    eachBatch: (batch) => {
      received.push(...batch.messages);
      return Promise.resolve();
    },
  });
  try {
    const processId = await deploy('kafka-send', { topic, payload: '={ customer: customer }' });
    const created = await engine.createInstance({
      processDefinitionId: processId,
      variables: { customer: { id: 'c-1' } },
      awaitCompletion: true,
    });
    const [message] = await waitFor(() => (received.length > 0 ? received : undefined));
    expect(message).toMatchObject({
      key: created.processInstanceKey,
      value: { customer: { id: 'c-1' } },
      headers: { processInstanceKey: created.processInstanceKey, elementId: 'call' },
    });
  } finally {
    await plugin.close();
  }
});

it('waits for the reply of the plugin it sent to: the reply on baton.messages.v1 completes the receive task', async () => {
  const topic = uniqueName('billing.invoice-requested');
  const messageName = uniqueName('invoice-created');
  // The plugin: reads the kafka-send messages, answers each on the messages topic.
  const plugin = await engine.bus.subscribe({
    topic: `${topicPrefix}${topic}`,
    groupId: uniqueName('billing-plugin'),
    fromBeginning: true,
    eachBatch: async (batch) => {
      const replies = batch.messages.map((message) => {
        const { orderId } = message.value as { orderId: string };
        return {
          key: orderId,
          value: { name: messageName, correlationKey: orderId, variables: { invoiceId: `inv-${orderId}` } },
          headers: { traceparent: message.headers['traceparent'] ?? '' },
        };
      });
      await engine.bus.produce(topicName(topics.messages, topicPrefix), replies);
    },
  });
  try {
    const processId = uniqueName('kafka-send-reply');
    await engine.deploy([
      {
        name: `${processId}.bpmn`,
        content: serviceTaskProcess(
          processId,
          'kafka-send',
          { topic, payload: '={ orderId: orderId }' },
          { thenReceive: { messageName, correlationKey: '=orderId' } },
        ),
      },
    ]);
    const created = await engine.createInstance({
      processDefinitionId: processId,
      variables: { orderId: 'o-42' },
      awaitCompletion: true,
    });
    expect(created.variables).toEqual({ orderId: 'o-42', invoiceId: 'inv-o-42' });
  } finally {
    await plugin.close();
  }
});
