// End to end on the embedded runtime, and in the integration suite on Kafka + FerretDB:
// event-based gateways. The instance waits at the gateway with every subscription open and its
// timer stored; the first event wins, the other subscriptions close and the timer is canceled.
import { instanceLiveStateSchema, processInstanceDetailSchema } from '@baton/contracts';
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../../src/engine-runtime';
import { startTestRuntime } from '../support/test-runtime';
import { brokenEventGatewayBpmn, eventGatewayBpmn } from '../fixtures/event-fixtures';
import { deployThroughApi, startTestServer, type TestServer } from '../support/test-support';

const TIMEOUT = { timeoutMs: 20_000, intervalMs: 20 };
jest.setTimeout(30_000);

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

async function deployGateway(timeout: string) {
  const processId = uniqueName('event-gateway');
  const names = { payment: uniqueName('payment'), cancellation: uniqueName('cancel') };
  const deployed = await deployThroughApi(server, [
    { name: `${processId}.bpmn`, content: eventGatewayBpmn(processId, names, timeout) },
  ]);
  expect(deployed.status).toBe(200);
  return { processId, names };
}

async function startWaiting(processId: string, orderId: string): Promise<string> {
  const created = await server.call('POST', '/v2/process-instances', {
    processDefinitionId: processId,
    variables: { orderId },
  });
  expect(created.status).toBe(200);
  const processInstanceKey = created.body.processInstanceKey as string;
  await waitFor(async () => {
    const answer = await server.call('GET', `/v2/process-instances/${processInstanceKey}/live-state`);
    return instanceLiveStateSchema.parse(answer.body).activeElementIds.includes('gateway') ? true : undefined;
  }, TIMEOUT);
  return processInstanceKey;
}

async function completed(processInstanceKey: string) {
  return waitFor(async () => {
    const instance = processInstanceDetailSchema.parse(
      (await server.call('GET', `/v2/process-instances/${processInstanceKey}`)).body,
    );
    if (instance.state !== 'COMPLETED') return undefined;
    const answer = await server.call('GET', `/v2/process-instances/${processInstanceKey}/live-state`);
    return { instance, completedElementIds: instanceLiveStateSchema.parse(answer.body).completedElementIds };
  }, TIMEOUT);
}

async function openSubscriptions(name: string, correlationKey: string) {
  return engine.stores.messages.findSubscriptions({ name, correlationKey, tenantId: '<default>' });
}

async function storedTimersOf(processInstanceKey: string) {
  const partitions = Array.from({ length: engine.topology().partitionsCount }, (_, index) => index);
  const due = await engine.stores.timers.due(partitions, Number.MAX_SAFE_INTEGER, 10_000);
  return due.filter((timer) => timer.kind === 'instance' && timer.processInstanceKey === processInstanceKey);
}

describe('event-based gateway', () => {
  it('continues after the message that comes first; the other subscription closes, the timer is canceled', async () => {
    const { processId, names } = await deployGateway('PT1H');
    const orderId = uniqueName('order');
    const processInstanceKey = await startWaiting(processId, orderId);
    await waitFor(
      async () => ((await openSubscriptions(names.cancellation, orderId)).length === 1 ? true : undefined),
      TIMEOUT,
    );
    expect(await openSubscriptions(names.payment, orderId)).toHaveLength(1);
    await waitFor(
      async () => ((await storedTimersOf(processInstanceKey)).length === 1 ? true : undefined),
      TIMEOUT,
    );

    const published = await server.call('POST', '/v2/messages/publication', {
      name: names.payment,
      correlationKey: orderId,
      variables: { amount: 42 },
    });
    expect(published.status).toBe(200);
    const done = await completed(processInstanceKey);
    expect(done.instance.variables).toEqual({ orderId, amount: 42 });
    expect(done.completedElementIds).toEqual(['start', 'gateway', 'payment', 'paid']);
    await waitFor(
      async () => ((await openSubscriptions(names.cancellation, orderId)).length === 0 ? true : undefined),
      TIMEOUT,
    );
    // Removed by the same dispatch of effects, which need not finish them together.
    await waitFor(
      async () => ((await storedTimersOf(processInstanceKey)).length === 0 ? true : undefined),
      TIMEOUT,
    );
  });

  it('takes the receive task when its message is correlated first', async () => {
    const { processId, names } = await deployGateway('PT1H');
    const orderId = uniqueName('order');
    const processInstanceKey = await startWaiting(processId, orderId);
    const correlated = await waitFor(async () => {
      const answer = await server.call('POST', '/v2/messages/correlation', {
        name: names.cancellation,
        correlationKey: orderId,
      });
      return answer.status === 200 ? answer : undefined;
    }, TIMEOUT);
    expect(correlated.body.processInstanceKey).toBe(processInstanceKey);
    expect((await completed(processInstanceKey)).completedElementIds).toEqual([
      'start',
      'gateway',
      'cancellation',
      'cancelled',
    ]);
  });

  it('takes the timer when it falls due first, and the subscriptions close', async () => {
    const { processId, names } = await deployGateway('PT0.5S');
    const orderId = uniqueName('order');
    const processInstanceKey = await startWaiting(processId, orderId);
    const done = await completed(processInstanceKey);
    expect(done.completedElementIds).toEqual(['start', 'gateway', 'timeout', 'timed-out']);
    await waitFor(
      async () => ((await openSubscriptions(names.payment, orderId)).length === 0 ? true : undefined),
      TIMEOUT,
    );
    await waitFor(
      async () => ((await openSubscriptions(names.cancellation, orderId)).length === 0 ? true : undefined),
      TIMEOUT,
    );
  });

  it('refuses a gateway with one flow, to a task, with a condition', async () => {
    const answer = await deployThroughApi(server, [
      { name: 'broken.bpmn', content: brokenEventGatewayBpmn(uniqueName('broken-gateway')) },
    ]);
    expect(answer.status).toBe(400);
    expect(answer.body.detail).toContain("event-based gateway 'gateway' has 1 outgoing sequence flow(s)");
    expect(answer.body.detail).toContain("leads to serviceTask 'work'");
    expect(answer.body.detail).toContain("conditional sequence flow 'conditional'");
  });
});
