// End to end on the embedded runtime, and in the integration suite on Kafka + FerretDB: signals
// (Zeebe semantics). `POST /v2/signals/broadcast` triggers every signal catch waiting for its
// name in every instance — on every partition, each once — and starts one instance per process
// whose latest version has a signal start event of that name, with the broadcast's variables; a
// signal end event of a running instance broadcasts the same way; a broadcast nobody waits for
// still succeeds.
import { processInstanceDetailSchema, processInstanceSearchResponseSchema } from '@baton/contracts';
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../../src/engine-runtime';
import { deployProcess, startInstanceOf } from '../support/rest-scenario-steps';
import { startTestRuntime } from '../support/test-runtime';
import { startTestServer, type TestServer } from '../support/test-support';

const TIMEOUT = { timeoutMs: 20_000, intervalMs: 20 };
jest.setTimeout(40_000);

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

const HEADER = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">`;

function processXml(processId: string, body: string, signalName: string): string {
  return `${HEADER}<bpmn:process id="${processId}" isExecutable="true">${body}</bpmn:process><bpmn:signal id="sig" name="${signalName}" /></bpmn:definitions>`;
}

const flow = (from: string, to: string) =>
  `<bpmn:sequenceFlow id="${from}-${to}" sourceRef="${from}" targetRef="${to}" />`;

/** start → intermediate signal catch → end. */
const catchXml = (processId: string, signalName: string) =>
  processXml(
    processId,
    `<bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:intermediateCatchEvent><bpmn:endEvent id="end" />${flow('start', 'wait')}${flow('wait', 'end')}`,
    signalName,
  );

/** start → user task with an interrupting signal boundary event → end / stopped. */
const boundaryXml = (processId: string, signalName: string) =>
  processXml(
    processId,
    `<bpmn:startEvent id="start" /><bpmn:userTask id="review" /><bpmn:boundaryEvent id="recall" attachedToRef="review"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:boundaryEvent><bpmn:endEvent id="end" /><bpmn:endEvent id="stopped" />${flow('start', 'review')}${flow('review', 'end')}${flow('recall', 'stopped')}`,
    signalName,
  );

/** signal start event → user task → end. */
const signalStartXml = (processId: string, signalName: string) =>
  processXml(
    processId,
    `<bpmn:startEvent id="on-signal"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:startEvent><bpmn:userTask id="handle" /><bpmn:endEvent id="end" />${flow('on-signal', 'handle')}${flow('handle', 'end')}`,
    signalName,
  );

/** start → signal end event whose input mapping is the signal's variables. */
const throwXml = (processId: string, signalName: string) =>
  processXml(
    processId,
    `<bpmn:startEvent id="start" /><bpmn:endEvent id="raise"><bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=orderId" target="thrownOrder" /></zeebe:ioMapping></bpmn:extensionElements><bpmn:signalEventDefinition signalRef="sig" /></bpmn:endEvent>${flow('start', 'raise')}`,
    signalName,
  );

async function detail(processInstanceKey: string) {
  const answer = await server.call('GET', `/v2/process-instances/${processInstanceKey}`);
  return processInstanceDetailSchema.parse(answer.body);
}

/** Waits until the instance waits at `elementId` (its subscription is stored by then). */
async function waitingAt(processInstanceKey: string, elementId: string): Promise<void> {
  await waitFor(
    async () => ((await detail(processInstanceKey)).activeElementIds.includes(elementId) ? true : undefined),
    TIMEOUT,
  );
}

async function completed(processInstanceKey: string) {
  return waitFor(async () => {
    const found = await detail(processInstanceKey);
    return found.state === 'COMPLETED' ? found : undefined;
  }, TIMEOUT);
}

async function instancesOf(processId: string) {
  const answer = await server.call('POST', '/v2/process-instances/search', {
    filter: { processDefinitionId: processId },
    page: { from: 0, limit: 100 },
  });
  return processInstanceSearchResponseSchema.parse(answer.body).items;
}

async function broadcast(body: Record<string, unknown>) {
  const answer = await server.call('POST', '/v2/signals/broadcast', body);
  expect(answer.status).toBe(200);
  return answer.body as { signalKey: string; tenantId: string };
}

describe('signals over REST', () => {
  it('a broadcast nobody waits for succeeds with its key; one without a name is a 400 problem', async () => {
    const answer = await broadcast({ signalName: uniqueName('nobody'), variables: { a: 1 } });
    expect(answer).toEqual({ signalKey: expect.stringMatching(/^\d+$/), tenantId: '<default>' });
    const bad = await server.call('POST', '/v2/signals/broadcast', { variables: {} });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ status: 400, title: 'INVALID_ARGUMENT' });
  });

  it('reaches every waiting catch and boundary event of every instance once, and starts each signal start process once', async () => {
    const signalName = uniqueName('go');
    const catchId = uniqueName('signal-catch');
    const boundaryId = uniqueName('signal-boundary');
    const startId = uniqueName('signal-start');
    await deployProcess(server, catchId, catchXml(catchId, signalName));
    await deployProcess(server, boundaryId, boundaryXml(boundaryId, signalName));
    await deployProcess(server, startId, signalStartXml(startId, signalName));
    // Several instances: their keys spread over the partitions.
    const catches = await Promise.all([1, 2, 3, 4, 5].map(() => startInstanceOf(server, catchId)));
    const boundary = await startInstanceOf(server, boundaryId);
    for (const key of catches) await waitingAt(key, 'wait');
    await waitingAt(boundary, 'review');

    await broadcast({ signalName, variables: { reason: 'recall' } });

    for (const key of catches) {
      const done = await completed(key);
      expect(done.variables).toEqual({ reason: 'recall' });
    }
    expect((await completed(boundary)).variables).toEqual({ reason: 'recall' });
    const started = await waitFor(async () => {
      const items = await instancesOf(startId);
      return items.length > 0 ? items : undefined;
    }, TIMEOUT);
    const [startedOne] = started;
    expect(started).toHaveLength(1);
    const startedDetail = await detail(startedOne?.processInstanceKey ?? '');
    expect(startedDetail.variables).toEqual({ reason: 'recall' });
    expect(startedDetail.activeElementIds).toEqual(['handle']);

    // A second broadcast starts a second instance; the catches ended and are not reached again.
    await broadcast({ signalName, variables: { reason: 'again' } });
    const both = await waitFor(async () => {
      const items = await instancesOf(startId);
      return items.length >= 2 ? items : undefined;
    }, TIMEOUT);
    expect(both).toHaveLength(2);
    for (const key of catches) expect((await detail(key)).variables).toEqual({ reason: 'recall' });
  });

  it('a signal end event of a running instance reaches the waiting catches with its input mappings', async () => {
    const signalName = uniqueName('order-shipped');
    const catchId = uniqueName('signal-catch');
    const throwId = uniqueName('signal-throw');
    await deployProcess(server, catchId, catchXml(catchId, signalName));
    await deployProcess(server, throwId, throwXml(throwId, signalName));
    const waiting = await startInstanceOf(server, catchId);
    await waitingAt(waiting, 'wait');

    const thrower = await startInstanceOf(server, throwId, { orderId: 'A-7' });
    expect((await completed(thrower)).variables).toEqual({ orderId: 'A-7' });
    expect((await completed(waiting)).variables).toEqual({ thrownOrder: 'A-7' });
  });
});
