// End to end on the embedded runtime, and in the integration suite on Kafka + FerretDB: event
// subprocesses started by a message or a timer. Their subscriptions and timers exist while their
// scope runs; a non-interrupting one runs beside the scope's work (again for each message or
// cycle), an interrupting one ends the rest of the scope.
import {
  instanceLiveStateSchema,
  processInstanceDetailSchema,
  userTaskSearchResponseSchema,
} from '@baton/contracts';
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../../src/engine-runtime';
import { startTestRuntime } from '../support/test-runtime';
import { eventSubprocessBpmn } from '../fixtures/event-fixtures';
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

async function start(reminderCycle = 'R/PT1H') {
  const processId = uniqueName('esp');
  const names = { update: uniqueName('update'), cancel: uniqueName('cancel') };
  const deployed = await deployThroughApi(server, [
    { name: `${processId}.bpmn`, content: eventSubprocessBpmn(processId, names, reminderCycle) },
  ]);
  expect(deployed.status).toBe(200);
  const orderId = uniqueName('order');
  const created = await server.call('POST', '/v2/process-instances', {
    processDefinitionId: processId,
    variables: { orderId },
  });
  expect(created.status).toBe(200);
  const processInstanceKey = created.body.processInstanceKey as string;
  await openTasks(processInstanceKey, ['work']);
  return { names, orderId, processInstanceKey };
}

/** Waits until the instance's open user tasks are exactly `elementIds` (sorted), and returns them. */
async function openTasks(processInstanceKey: string, elementIds: string[]) {
  return waitFor(async () => {
    const answer = await server.call('POST', '/v2/user-tasks/search', {
      filter: { processInstanceKey, state: 'CREATED' },
    });
    const tasks = userTaskSearchResponseSchema.parse(answer.body).items;
    const found = tasks.map((task) => task.elementId).sort();
    return JSON.stringify(found) === JSON.stringify([...elementIds].sort()) ? tasks : undefined;
  }, TIMEOUT);
}

async function subscriptions(name: string, correlationKey: string) {
  return engine.stores.messages.findSubscriptions({ name, correlationKey, tenantId: '<default>' });
}

async function storedTimersOf(processInstanceKey: string) {
  const partitions = Array.from({ length: engine.topology().partitionsCount }, (_, index) => index);
  const due = await engine.stores.timers.due(partitions, Number.MAX_SAFE_INTEGER, 10_000);
  return due.filter((timer) => timer.kind === 'instance' && timer.processInstanceKey === processInstanceKey);
}

/**
 * Waits until the list is empty: an ended instance's subscriptions and timers are removed by the
 * effects dispatched after its last write, so they may outlive the write by a moment.
 */
async function noneLeft(list: () => Promise<readonly unknown[]>): Promise<void> {
  await waitFor(async () => ((await list()).length === 0 ? true : undefined), TIMEOUT);
}

async function ended(processInstanceKey: string) {
  return waitFor(async () => {
    const instance = processInstanceDetailSchema.parse(
      (await server.call('GET', `/v2/process-instances/${processInstanceKey}`)).body,
    );
    if (instance.state === 'ACTIVE') return undefined;
    const answer = await server.call('GET', `/v2/process-instances/${processInstanceKey}/live-state`);
    return { instance, completedElementIds: instanceLiveStateSchema.parse(answer.body).completedElementIds };
  }, TIMEOUT);
}

async function publish(name: string, correlationKey: string, variables: Record<string, unknown> = {}) {
  const answer = await server.call('POST', '/v2/messages/publication', { name, correlationKey, variables });
  expect(answer.status).toBe(200);
}

describe('message and timer event subprocesses', () => {
  it('non-interrupting message: runs beside the work, once per message; closes with the instance', async () => {
    const { names, orderId, processInstanceKey } = await start();
    await waitFor(
      async () => ((await subscriptions(names.update, orderId)).length === 1 ? true : undefined),
      TIMEOUT,
    );
    await publish(names.update, orderId, { address: 'new' });
    await openTasks(processInstanceKey, ['apply-update', 'work']);
    // The subscription opened again under a new key before the next message comes.
    await waitFor(
      async () => ((await subscriptions(names.update, orderId)).length === 1 ? true : undefined),
      TIMEOUT,
    );
    await publish(names.update, orderId, { address: 'newer' });
    const tasks = await openTasks(processInstanceKey, ['apply-update', 'apply-update', 'work']);
    for (const task of tasks)
      expect((await server.call('POST', `/v2/user-tasks/${task.userTaskKey}/completion`, {})).status).toBe(
        204,
      );
    const done = await ended(processInstanceKey);
    expect(done.instance.state).toBe('COMPLETED');
    expect(done.instance.variables).toEqual({ orderId, address: 'newer' });
    await noneLeft(() => subscriptions(names.update, orderId));
    await noneLeft(() => subscriptions(names.cancel, orderId));
    await noneLeft(() => storedTimersOf(processInstanceKey));
  });

  it('interrupting message: ends the work and completes through the event subprocess', async () => {
    const { names, orderId, processInstanceKey } = await start();
    await waitFor(
      async () => ((await subscriptions(names.cancel, orderId)).length === 1 ? true : undefined),
      TIMEOUT,
    );
    await publish(names.cancel, orderId, { reason: 'customer' });
    const done = await ended(processInstanceKey);
    expect(done.instance.state).toBe('COMPLETED');
    expect(done.instance.variables).toEqual({ orderId, reason: 'customer' });
    expect(done.completedElementIds).toEqual(['start', 'cancel-start', 'cancel-end', 'on-cancel']);
    await openTasks(processInstanceKey, []);
    await noneLeft(() => subscriptions(names.update, orderId));
    await noneLeft(() => storedTimersOf(processInstanceKey));
  });

  it('non-interrupting timer cycle: starts once per repetition while the instance runs', async () => {
    const { processInstanceKey } = await start('R2/PT0.5S');
    await openTasks(processInstanceKey, ['remind', 'remind', 'work']);
    await waitFor(
      async () => ((await storedTimersOf(processInstanceKey)).length === 0 ? true : undefined),
      TIMEOUT,
    );
  });
});
