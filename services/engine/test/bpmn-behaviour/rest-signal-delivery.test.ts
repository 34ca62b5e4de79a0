// End to end on the embedded runtime, and in the integration suite on Kafka + FerretDB (four
// partitions): one broadcast reaches every waiting signal catch of every partition exactly once,
// and starts a signal start process once, not once per partition (runtime/signal-deliveries.ts).
// The catches are non-interrupting boundary events, which keep waiting after a trigger: each
// trigger adds one task, so the tasks count the triggers. Broadcasts made at once each count too.
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../../src/engine-runtime';
import { deployProcess, startInstanceOf } from '../support/rest-scenario-steps';
import { startTestRuntime } from '../support/test-runtime';
import { startTestServer, type TestServer } from '../support/test-support';

const TIMEOUT = { timeoutMs: 30_000, intervalMs: 50 };
const INSTANCES = 40;
jest.setTimeout(90_000);

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
const flow = (from: string, to: string) =>
  `<bpmn:sequenceFlow id="${from}-${to}" sourceRef="${from}" targetRef="${to}" />`;
const userTask = (id: string) =>
  `<bpmn:userTask id="${id}"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>`;

/** start → user task `work` with a non-interrupting signal boundary → user task `notifiedId` per trigger. */
function watcherXml(processId: string, signalName: string, notifiedId: string): string {
  return `${HEADER}<bpmn:process id="${processId}" isExecutable="true"><bpmn:startEvent id="start" />${userTask('work')}<bpmn:boundaryEvent id="notice" attachedToRef="work" cancelActivity="false"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:boundaryEvent>${userTask(notifiedId)}<bpmn:endEvent id="end" /><bpmn:endEvent id="noted" />${flow('start', 'work')}${flow('work', 'end')}${flow('notice', notifiedId)}${flow(notifiedId, 'noted')}</bpmn:process><bpmn:signal id="sig" name="${signalName}" /></bpmn:definitions>`;
}

/** signal start event → user task → end. */
function signalStartXml(processId: string, signalName: string): string {
  return `${HEADER}<bpmn:process id="${processId}" isExecutable="true"><bpmn:startEvent id="on-signal"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:startEvent>${userTask('handle')}<bpmn:endEvent id="end" />${flow('on-signal', 'handle')}${flow('handle', 'end')}</bpmn:process><bpmn:signal id="sig" name="${signalName}" /></bpmn:definitions>`;
}

/** The user tasks at `elementId`, per instance. */
async function tasksPerInstance(elementId: string): Promise<Map<string, number>> {
  const answer = await server.call('POST', '/v2/user-tasks/search', {
    filter: { elementId },
    page: { from: 0, limit: 1000 },
  });
  expect(answer.status).toBe(200);
  const counts = new Map<string, number>();
  for (const task of answer.body.items as { processInstanceKey: string }[])
    counts.set(task.processInstanceKey, (counts.get(task.processInstanceKey) ?? 0) + 1);
  return counts;
}

/** Waits until every instance has `count` tasks at `elementId`; answers the counts. */
async function allReach(elementId: string, instances: readonly string[], count: number) {
  return waitFor(async () => {
    const counts = await tasksPerInstance(elementId);
    return instances.every((key) => (counts.get(key) ?? 0) >= count) ? counts : undefined;
  }, TIMEOUT);
}

async function broadcast(signalName: string) {
  const answer = await server.call('POST', '/v2/signals/broadcast', { signalName, variables: {} });
  expect(answer.status).toBe(200);
}

it('one broadcast triggers every waiting catch of every partition once, and starts a signal start process once', async () => {
  const signalName = uniqueName('go');
  const watcherId = uniqueName('watcher');
  const notifiedId = uniqueName('notified');
  const startId = uniqueName('signal-start');
  await deployProcess(server, watcherId, watcherXml(watcherId, signalName, notifiedId));
  await deployProcess(server, startId, signalStartXml(startId, signalName));
  // Keys spread the instances over every partition; each waits at `work` once its task exists.
  const instances = await Promise.all(
    Array.from({ length: INSTANCES }, () => startInstanceOf(server, watcherId)),
  );
  await allReach('work', instances, 1);

  await broadcast(signalName);
  await allReach(notifiedId, instances, 1);
  // Three more at once, delivered before the triggers of the previous ones are applied: each still
  // triggers every catch (it waits again under its key). On each partition their triggers follow
  // the earlier ones in the log, so a duplicate would show as a fifth task by the time every
  // instance has its fourth.
  await Promise.all([broadcast(signalName), broadcast(signalName), broadcast(signalName)]);
  const counts = await allReach(notifiedId, instances, 4);
  expect(instances.map((key) => counts.get(key))).toEqual(instances.map(() => 4));

  const started = await waitFor(async () => {
    const answer = await server.call('POST', '/v2/process-instances/search', {
      filter: { processDefinitionId: startId },
      page: { from: 0, limit: 100 },
    });
    const items = answer.body.items as unknown[];
    return items.length >= 4 ? items : undefined;
  }, TIMEOUT);
  expect(started).toHaveLength(4);
});
