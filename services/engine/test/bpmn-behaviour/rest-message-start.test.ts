// End to end on the embedded runtime, and in the integration suite on Kafka + FerretDB: message
// start events (Zeebe semantics). A published or correlated message — over REST or the
// baton.messages.v1 topic — whose name matches a message start event of the latest version of a
// process creates a new instance there; with a correlation key, not while an instance started by
// the same key is active (the buffered message starts the next one when it ends).
import {
  instanceLiveStateSchema,
  processInstanceDetailSchema,
  processInstanceSearchResponseSchema,
  userTaskSearchResponseSchema,
} from '@baton/contracts';
import { uniqueName, waitFor } from '@baton/testing';
import { topicName, topics } from '@baton/topics';
import type { EngineRuntime } from '../../src/engine-runtime';
import { startTestRuntime } from '../support/test-runtime';
import { messageStartBpmn, noneStartOnlyBpmn } from '../fixtures/event-fixtures';
import { deployProcess } from '../support/rest-scenario-steps';
import { startTestServer, type TestServer } from '../support/test-support';

const TIMEOUT = { timeoutMs: 20_000, intervalMs: 20 };
const ONE_MINUTE = 60_000;
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

const deploy = (processId: string, content: string) => deployProcess(server, processId, content);

async function deployMessageStart() {
  const processId = uniqueName('msg-start');
  const messageName = uniqueName('order-placed');
  const definition = await deploy(processId, messageStartBpmn(processId, messageName));
  return { processId, messageName, definition };
}

async function instancesOf(processId: string) {
  const answer = await server.call('POST', '/v2/process-instances/search', {
    filter: { processDefinitionId: processId },
    page: { from: 0, limit: 100 },
  });
  return processInstanceSearchResponseSchema.parse(answer.body).items;
}

/** Waits until the process has `count` instances and returns them, oldest first. */
async function instancesCounted(processId: string, count: number) {
  return waitFor(async () => {
    const items = await instancesOf(processId);
    return items.length === count
      ? [...items].sort((a, b) => a.processInstanceKey.localeCompare(b.processInstanceKey))
      : undefined;
  }, TIMEOUT);
}

async function detail(processInstanceKey: string) {
  return processInstanceDetailSchema.parse(
    (await server.call('GET', `/v2/process-instances/${processInstanceKey}`)).body,
  );
}

async function completedElements(processInstanceKey: string) {
  const answer = await server.call('GET', `/v2/process-instances/${processInstanceKey}/live-state`);
  return instanceLiveStateSchema.parse(answer.body).completedElementIds;
}

async function publish(body: Record<string, unknown>) {
  const answer = await server.call('POST', '/v2/messages/publication', body);
  expect(answer.status).toBe(200);
  return answer.body as { messageKey: string };
}

async function completeReview(processInstanceKey: string) {
  const task = await waitFor(async () => {
    const answer = await server.call('POST', '/v2/user-tasks/search', { filter: { processInstanceKey } });
    return userTaskSearchResponseSchema.parse(answer.body).items[0];
  }, TIMEOUT);
  expect((await server.call('POST', `/v2/user-tasks/${task.userTaskKey}/completion`, {})).status).toBe(204);
}

describe('message start events', () => {
  it('create a new instance per published message, with its variables, at the message start event', async () => {
    const { processId, messageName, definition } = await deployMessageStart();
    const published = await publish({ name: messageName, variables: { orderId: 'A-1' } });
    expect(published.messageKey).toEqual(expect.any(String));
    await publish({ name: messageName, variables: { orderId: 'A-2' } });
    const instances = await instancesCounted(processId, 2);
    const details = await Promise.all(instances.map((instance) => detail(instance.processInstanceKey)));
    expect(details.map((one) => one.variables['orderId']).sort()).toEqual(['A-1', 'A-2']);
    expect(details.every((one) => one.processDefinitionKey === definition.processDefinitionKey)).toBe(true);
    expect(await completedElements(instances[0]?.processInstanceKey ?? '')).toEqual(['order-placed']);
  });

  it('leave the none start event as it was: a create request still starts there', async () => {
    const { processId } = await deployMessageStart();
    const created = await server.call('POST', '/v2/process-instances', { processDefinitionId: processId });
    expect(created.status).toBe(200);
    await waitFor(
      async () =>
        (await completedElements(created.body.processInstanceKey)).includes('start') ? true : undefined,
      TIMEOUT,
    );
  });

  it('answer a correlation with the new instance', async () => {
    const { processId, messageName } = await deployMessageStart();
    const answer = await server.call('POST', '/v2/messages/correlation', {
      name: messageName,
      variables: { via: 'correlation' },
    });
    expect(answer.status).toBe(200);
    const [instance] = await instancesCounted(processId, 1);
    expect(answer.body).toEqual({
      messageKey: expect.any(String),
      tenantId: '<default>',
      processInstanceKey: instance?.processInstanceKey,
    });
    expect((await detail(answer.body.processInstanceKey)).variables).toEqual({ via: 'correlation' });
  });

  it('start one instance per correlation key at a time; the buffered message starts the next when it ends', async () => {
    const { processId, messageName } = await deployMessageStart();
    await publish({
      name: messageName,
      correlationKey: 'customer-1',
      timeToLive: ONE_MINUTE,
      variables: { n: 1 },
    });
    const [first] = await instancesCounted(processId, 1);
    await publish({
      name: messageName,
      correlationKey: 'customer-1',
      timeToLive: ONE_MINUTE,
      variables: { n: 2 },
    });
    await publish({
      name: messageName,
      correlationKey: 'customer-2',
      timeToLive: ONE_MINUTE,
      variables: { n: 3 },
    });
    const two = await instancesCounted(processId, 2);
    expect(
      (await Promise.all(two.map((one) => detail(one.processInstanceKey))))
        .map((one) => one.variables['n'])
        .sort(),
    ).toEqual([1, 3]);

    await completeReview(first?.processInstanceKey ?? '');
    const three = await instancesCounted(processId, 3);
    const next = three.find(
      (one) => !two.some((earlier) => earlier.processInstanceKey === one.processInstanceKey),
    );
    expect((await detail(next?.processInstanceKey ?? '')).variables).toEqual({ n: 2 });
  });

  it('follow the latest version; messages published before the deployment start nothing', async () => {
    const processId = uniqueName('msg-start-versions');
    const messageName = uniqueName('order-placed');
    await publish({ name: messageName, timeToLive: ONE_MINUTE, variables: { early: true } });
    await deploy(processId, messageStartBpmn(processId, messageName, 'v1'));
    const second = await deploy(processId, messageStartBpmn(processId, messageName, 'v2'));
    expect(second.processDefinitionVersion).toBe(2);
    await publish({ name: messageName, variables: { late: true } });
    const [instance] = await instancesCounted(processId, 1);
    const started = await detail(instance?.processInstanceKey ?? '');
    expect(started.processDefinitionKey).toBe(second.processDefinitionKey);
    expect(started.variables).toEqual({ late: true });

    // A version without the message start: the message no longer starts the process.
    await deploy(processId, noneStartOnlyBpmn(processId));
    await publish({ name: messageName, variables: { ignored: true } });
    const marker = await deployMessageStart();
    await publish({ name: marker.messageName });
    await instancesCounted(marker.processId, 1);
    expect(await instancesOf(processId)).toHaveLength(1);
  });

  it('start an instance from a message on the baton.messages.v1 topic', async () => {
    const { processId, messageName } = await deployMessageStart();
    await engine.bus.produce(topicName(topics.messages, engine.topicPrefix), [
      { key: 'kafka', value: { name: messageName, variables: { via: 'kafka' } } },
    ]);
    const [instance] = await instancesCounted(processId, 1);
    expect((await detail(instance?.processInstanceKey ?? '')).variables).toEqual({ via: 'kafka' });
  });
});
