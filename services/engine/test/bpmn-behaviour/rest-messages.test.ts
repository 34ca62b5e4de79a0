// End to end on the embedded runtime, and in the integration suite on Kafka + FerretDB: instances
// waiting at message catch events and receive tasks, and messages published (buffered for their
// time to live, de-duplicated by messageId) or correlated through the REST API.
import {
  correlateMessageResponseSchema,
  instanceLiveStateSchema,
  processInstanceDetailSchema,
  publishMessageResponseSchema,
} from '@baton/contracts';
import { uniqueName, waitFor } from '@baton/testing';
import { topicName, topics } from '@baton/topics';
import type { EngineRuntime } from '../../src/engine-runtime';
import { startTestRuntime } from '../support/test-runtime';
import { messageCatchBpmn } from '../fixtures/bpmn-fixtures';
import { startInstanceOf } from '../support/rest-scenario-steps';
import { deployThroughApi, startTestServer, type TestServer } from '../support/test-support';

/** Long enough to outlive any test: buffered messages must not expire while a test runs. */
const ONE_MINUTE = 60_000;

let engine: EngineRuntime;
let server: TestServer;

beforeAll(async () => {
  engine = await startTestRuntime();
  server = await startTestServer(engine);
});
afterAll(async () => {
  await server.close();
  await engine.close();
});

/** Deploys a process waiting for a message of a new name; returns both. */
async function deployWaitingProcess(
  element: 'intermediateCatchEvent' | 'receiveTask' = 'intermediateCatchEvent',
) {
  const processId = uniqueName('msg-proc');
  const messageName = uniqueName('msg');
  const deployed = await deployThroughApi(server, [
    { name: `${processId}.bpmn`, content: messageCatchBpmn(processId, messageName, element) },
  ]);
  expect(deployed.status).toBe(200);
  return { processId, messageName };
}

const startInstance = (processId: string, variables: Record<string, unknown>) =>
  startInstanceOf(server, processId, variables);

async function getInstance(processInstanceKey: string) {
  return processInstanceDetailSchema.parse(
    (await server.call('GET', `/v2/process-instances/${processInstanceKey}`)).body,
  );
}

/** As the other REST suites: on Kafka + FerretDB beside the heavier suites, a few seconds may pass. */
const TIMEOUT = { timeoutMs: 20_000, intervalMs: 20 };

async function completedInstance(processInstanceKey: string) {
  return waitFor(async () => {
    const instance = await getInstance(processInstanceKey);
    return instance.state === 'COMPLETED' ? instance : undefined;
  }, TIMEOUT);
}

/** Waits until the instance waits at `wait`, as the live state shows it. */
async function waitingAtCatch(processInstanceKey: string) {
  return waitFor(async () => {
    const answer = await server.call('GET', `/v2/process-instances/${processInstanceKey}/live-state`);
    const live = instanceLiveStateSchema.parse(answer.body);
    return live.activeElementIds.includes('wait') ? live : undefined;
  }, TIMEOUT);
}

async function publish(body: Record<string, unknown>) {
  return server.call('POST', '/v2/messages/publication', body);
}

describe('message catch events', () => {
  it('wait for their message; a published message completes them with its variables', async () => {
    const { processId, messageName } = await deployWaitingProcess();
    const processInstanceKey = await startInstance(processId, { orderId: 'order-1', note: 'kept' });
    const live = await waitingAtCatch(processInstanceKey);
    expect(live.state).toBe('ACTIVE');
    expect(live.tokens.map((token) => `${token.elementId}:${token.state}`)).toEqual(['wait:ACTIVE']);

    const other = await publish({ name: messageName, correlationKey: 'order-2', timeToLive: ONE_MINUTE });
    expect(other.status).toBe(200);
    const published = await publish({
      name: messageName,
      correlationKey: 'order-1',
      timeToLive: ONE_MINUTE,
      variables: { paid: true, amount: 42 },
    });
    expect(published.status).toBe(200);
    expect(publishMessageResponseSchema.parse(published.body)).toEqual({
      messageKey: expect.any(String),
      tenantId: '<default>',
    });
    const done = await completedInstance(processInstanceKey);
    expect(done.variables).toEqual({ orderId: 'order-1', note: 'kept', paid: true, amount: 42 });
  });

  it('receive a message published before they were reached, while its time to live lasts', async () => {
    const { processId, messageName } = await deployWaitingProcess();
    const published = await publish({
      name: messageName,
      correlationKey: 'order-early',
      timeToLive: ONE_MINUTE,
      variables: { source: 'buffered' },
    });
    expect(published.status).toBe(200);
    const processInstanceKey = await startInstance(processId, { orderId: 'order-early' });
    expect((await completedInstance(processInstanceKey)).variables).toEqual({
      orderId: 'order-early',
      source: 'buffered',
    });
  });

  it('do not receive a message published earlier without a time to live', async () => {
    const { processId, messageName } = await deployWaitingProcess();
    const early = await publish({
      name: messageName,
      correlationKey: 'order-3',
      variables: { source: 'early' },
    });
    expect(early.status).toBe(200);
    const processInstanceKey = await startInstance(processId, { orderId: 'order-3' });
    await waitingAtCatch(processInstanceKey);
    // Buffered, the early message would be the older one and win: the later one arriving shows it was not.
    await publish({
      name: messageName,
      correlationKey: 'order-3',
      timeToLive: ONE_MINUTE,
      variables: { source: 'late' },
    });
    expect((await completedInstance(processInstanceKey)).variables).toEqual({
      orderId: 'order-3',
      source: 'late',
    });
  });

  it.each([
    ['the instances wait before the messages are published', true],
    ['the messages are buffered before the instances arrive', false],
  ])(
    'take a message once per process definition: two instances with one key need two messages (%s)',
    async (_label, instancesFirst) => {
      const { processId, messageName } = await deployWaitingProcess();
      const publishBoth = async () => {
        for (const n of [1, 2]) {
          const body = {
            name: messageName,
            correlationKey: 'shared',
            timeToLive: ONE_MINUTE,
            variables: { n },
          };
          expect((await publish(body)).status).toBe(200);
        }
      };
      if (!instancesFirst) await publishBoth();
      const instances = [
        await startInstance(processId, { orderId: 'shared' }),
        await startInstance(processId, { orderId: 'shared' }),
      ];
      if (instancesFirst) {
        await Promise.all(instances.map(waitingAtCatch));
        await publishBoth();
      }
      const received = await Promise.all(
        instances.map(async (key) => (await completedInstance(key)).variables['n']),
      );
      expect(received.sort()).toEqual([1, 2]);
    },
  );

  it('refuse a messageId that is still buffered with 409 ALREADY_EXISTS', async () => {
    const messageName = uniqueName('dedup');
    const message = {
      name: messageName,
      correlationKey: 'order-4',
      timeToLive: ONE_MINUTE,
      messageId: 'pay-4',
    };
    expect((await publish(message)).status).toBe(200);
    const duplicate = await publish(message);
    expect(duplicate.status).toBe(409);
    expect(duplicate.contentType).toContain('application/problem+json');
    expect(duplicate.body).toMatchObject({ title: 'ALREADY_EXISTS', status: 409 });
    expect(duplicate.body.detail).toContain('pay-4');
    expect((await publish({ ...message, correlationKey: 'order-5' })).status).toBe(200);
  });

  it('reject a publication without a name with 400', async () => {
    const answer = await publish({ correlationKey: 'x' });
    expect(answer.status).toBe(400);
    expect(answer.body.title).toBe('INVALID_ARGUMENT');
  });
});

describe('receive tasks', () => {
  it('wait for their message like catch events', async () => {
    const { processId, messageName } = await deployWaitingProcess('receiveTask');
    const processInstanceKey = await startInstance(processId, { orderId: 77 });
    await waitingAtCatch(processInstanceKey);
    // A numeric correlation key is matched as its string.
    await publish({
      name: messageName,
      correlationKey: '77',
      timeToLive: ONE_MINUTE,
      variables: { received: 'yes' },
    });
    expect((await completedInstance(processInstanceKey)).variables).toEqual({ orderId: 77, received: 'yes' });
  });
});

describe('message correlation', () => {
  it('answers 404 when no instance waits for the message, and buffers nothing', async () => {
    const { processId, messageName } = await deployWaitingProcess();
    const answer = await server.call('POST', '/v2/messages/correlation', {
      name: messageName,
      correlationKey: 'order-6',
      variables: { source: 'correlation' },
    });
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ title: 'NOT_FOUND', status: 404 });
    expect(answer.body.detail).toContain(messageName);

    const processInstanceKey = await startInstance(processId, { orderId: 'order-6' });
    await waitingAtCatch(processInstanceKey);
    await publish({
      name: messageName,
      correlationKey: 'order-6',
      timeToLive: ONE_MINUTE,
      variables: { source: 'publication' },
    });
    expect((await completedInstance(processInstanceKey)).variables['source']).toBe('publication');
  });

  it('correlates to a waiting instance at once and names it', async () => {
    const { processId, messageName } = await deployWaitingProcess('receiveTask');
    const processInstanceKey = await startInstance(processId, { orderId: 'order-7' });
    await waitingAtCatch(processInstanceKey);
    // The subscription is stored just after the instance is: until then the answer is 404.
    const correlated = await waitFor(async () => {
      const answer = await server.call('POST', '/v2/messages/correlation', {
        name: messageName,
        correlationKey: 'order-7',
        variables: { confirmed: true },
      });
      return answer.status === 200 ? answer : undefined;
    });
    expect(correlateMessageResponseSchema.parse(correlated.body)).toEqual({
      messageKey: expect.any(String),
      tenantId: '<default>',
      processInstanceKey,
    });
    expect((await completedInstance(processInstanceKey)).variables).toEqual({
      orderId: 'order-7',
      confirmed: true,
    });
  });
});

describe('messages published on the messages topic (baton.messages.v1)', () => {
  /** Produces publications on the topic, keyed by their correlation key, with the given messageIds. */
  async function produceMessages(
    messages: readonly { value: Record<string, unknown>; messageId?: string }[],
  ) {
    await engine.bus.produce(
      topicName(topics.messages, engine.topicPrefix),
      messages.map(({ value, messageId }) => ({
        key: String(value['correlationKey']),
        value,
        ...(messageId ? { headers: { messageId } } : {}),
      })),
    );
  }

  it('reach a waiting instance, and buffer for a minute by default', async () => {
    const { processId, messageName } = await deployWaitingProcess('receiveTask');
    const waiting = await startInstance(processId, { orderId: 'kafka-1' });
    await waitingAtCatch(waiting);
    await produceMessages([
      { value: { name: messageName, correlationKey: 'kafka-1', variables: { invoiceId: 'inv-1' } } },
      { value: { name: messageName, correlationKey: 'kafka-2', variables: { invoiceId: 'inv-2' } } },
    ]);
    expect((await completedInstance(waiting)).variables).toEqual({ orderId: 'kafka-1', invoiceId: 'inv-1' });
    // No timeToLive given: the message for an instance not started yet waits for it.
    const later = await startInstance(processId, { orderId: 'kafka-2' });
    expect((await completedInstance(later)).variables).toEqual({ orderId: 'kafka-2', invoiceId: 'inv-2' });
  });

  it('correlate a record delivered twice once (its messageId header)', async () => {
    const { processId, messageName } = await deployWaitingProcess();
    const marker = await deployWaitingProcess();
    const first = await startInstance(processId, { orderId: 'kafka-dup' });
    const second = await startInstance(processId, { orderId: 'kafka-dup' });
    const markerInstance = await startInstance(marker.processId, { orderId: 'kafka-dup' });
    await Promise.all([first, second, markerInstance].map(waitingAtCatch));
    // Same key, so one partition, applied in order: the marker comes through after both copies.
    const copy = {
      value: { name: messageName, correlationKey: 'kafka-dup' },
      messageId: uniqueName('record'),
    };
    await produceMessages([copy, copy, { value: { name: marker.messageName, correlationKey: 'kafka-dup' } }]);
    await completedInstance(markerInstance);
    const states = await Promise.all([first, second].map(async (key) => (await getInstance(key)).state));
    expect(states.sort()).toEqual(['ACTIVE', 'COMPLETED']);
  });
});

describe('message throw and end events', () => {
  it('run as jobs of their type: the instance moves on as a worker completes each', async () => {
    const processId = uniqueName('msg-throw');
    const [notifyType, receiptType] = [uniqueName('notify'), uniqueName('receipt')];
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="x">
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:intermediateThrowEvent id="notify">
      <bpmn:extensionElements><zeebe:taskDefinition type="${notifyType}"/></bpmn:extensionElements>
      <bpmn:messageEventDefinition id="notifyMessage"/>
    </bpmn:intermediateThrowEvent>
    <bpmn:endEvent id="receipt">
      <bpmn:extensionElements><zeebe:taskDefinition type="${receiptType}"/></bpmn:extensionElements>
      <bpmn:messageEventDefinition id="receiptMessage"/>
    </bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="notify"/>
    <bpmn:sequenceFlow id="f2" sourceRef="notify" targetRef="receipt"/>
  </bpmn:process>
</bpmn:definitions>`;
    expect((await deployThroughApi(server, [{ name: `${processId}.bpmn`, content: xml }])).status).toBe(200);
    const processInstanceKey = await startInstance(processId, {});
    for (const [type, variables] of [
      [notifyType, { notified: true }],
      [receiptType, { receiptSent: true }],
    ] as const) {
      const job = await waitFor(async () => {
        const answer = await server.call('POST', '/v2/jobs/activation', {
          type,
          worker: 'messenger',
          timeout: 30_000,
          maxJobsToActivate: 1,
          requestTimeout: -1,
        });
        return (answer.body.jobs as { jobKey: string; elementId: string }[])[0];
      });
      expect(job.elementId).toBe(type === notifyType ? 'notify' : 'receipt');
      expect((await server.call('POST', `/v2/jobs/${job.jobKey}/completion`, { variables })).status).toBe(
        204,
      );
    }
    expect((await completedInstance(processInstanceKey)).variables).toEqual({
      notified: true,
      receiptSent: true,
    });
  });
});
