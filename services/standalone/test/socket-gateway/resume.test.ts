// A mobile client that drops offline, on the real embedded engine: it disconnects for 2 s while its
// instance is suspended, activated and completed, then subscribes again with the cursor of the last
// state it had — and receives exactly the updates it missed, in order, as a client that stayed
// connected received them.
import type { InstanceLiveState, ResumeCursor } from '@baton/contracts';
import { approvalProcessXml, connectLiveClient, uniqueName, waitFor, type LiveClient } from '@baton/testing';
import { startInProcessStack, type InProcessStack } from '../in-process-stack';

let stack: InProcessStack;
const clients: LiveClient[] = [];

beforeAll(async () => {
  stack = await startInProcessStack();
});

afterAll(async () => {
  for (const client of clients) client.close();
  await stack?.close();
});

async function connect(): Promise<LiveClient> {
  const client = await connectLiveClient(stack.gateway.port);
  clients.push(client);
  return client;
}

/** The cursor a client keeps: its last revision, and how many updates of it it received. */
function cursorOf(updates: readonly InstanceLiveState[]): ResumeCursor {
  const last = updates.at(-1)!;
  return {
    revision: last.revision,
    updatesAtRevision: updates.filter((update) => update.revision === last.revision).length,
  };
}

it('a client offline for 2 s receives exactly the updates it missed, in order, when it resumes', async () => {
  const processId = uniqueName('approval');
  await stack.engine.deploy([{ name: 'approval.bpmn', content: approvalProcessXml(processId) }]);
  const mobile = await connect();
  const observer = await connect();
  const { processInstanceKey } = await stack.engine.createInstance({ processDefinitionId: processId });
  const forInstance = (state: InstanceLiveState) => state.processInstanceKey === processInstanceKey;
  for (const client of [mobile, observer]) {
    const answer = await client.subscribe({ processInstanceKey });
    expect(answer.ok).toBe(true);
  }
  // Both follow the instance from an update on (not only a snapshot), so the mobile has a cursor.
  await stack.setSuspended(processInstanceKey, true);
  await stack.setSuspended(processInstanceKey, false);
  for (const client of [mobile, observer])
    await client.waitForUpdate((state) => forInstance(state) && !state.suspended, 'activated again');
  const before = mobile.updates().filter(forInstance);
  const cursor = cursorOf(before);
  const observedBefore = observer.updates().filter(forInstance).length;
  expect(observer.updates().filter(forInstance)).toEqual(before);

  mobile.socket.disconnect();
  expect(mobile.socket.connected).toBe(false);
  const offlineFor2s = new Promise((resolve) => setTimeout(resolve, 2000));

  // The instance moves on while the mobile is offline: suspended, activated, its task completed.
  expect(await stack.setSuspended(processInstanceKey, true)).toBe(204);
  await observer.waitForUpdate((state) => forInstance(state) && state.suspended, 'suspended while offline');
  expect(await stack.setSuspended(processInstanceKey, false)).toBe(204);
  const task = await waitFor(
    async () =>
      (await stack.engine.searchUserTasks({ filter: { processInstanceKey, state: 'CREATED' } })).items[0],
    { description: 'the user task' },
  );
  await stack.engine.completeUserTask(task.userTaskKey, { approved: true });
  await observer.waitForUpdate(
    (state) => forInstance(state) && state.state === 'COMPLETED',
    'completed while offline',
  );
  const missed = observer.updates().filter(forInstance).slice(observedBefore);
  expect(missed.length).toBeGreaterThanOrEqual(3);
  // Every move happened while the mobile was offline: it got none of them.
  expect(mobile.socket.connected).toBe(false);
  expect(mobile.updates().filter(forInstance)).toEqual(before);

  await offlineFor2s;
  const reconnected = new Promise<void>((resolve) => mobile.socket.once('connect', () => resolve()));
  mobile.socket.connect();
  await reconnected;
  expect(await mobile.subscribe({ processInstanceKey, resumeFrom: cursor })).toEqual({
    ok: true,
    snapshots: [],
    resumed: true,
  });

  await waitFor(() => mobile.updates().filter(forInstance).length >= before.length + missed.length, {
    description: 'the missed updates on the resumed client',
  });
  // A round trip on the connection: anything sent before its answer has arrived.
  await mobile.unsubscribe({ processInstanceKey });
  expect(mobile.updates().filter(forInstance).slice(before.length)).toEqual(missed);
  expect(missed.map((state) => [state.suspended, state.state])).toEqual(
    expect.arrayContaining([
      [true, 'ACTIVE'],
      [false, 'COMPLETED'],
    ]),
  );
  const revisions = missed.map((state) => state.revision);
  expect(revisions).toEqual([...revisions].sort((left, right) => left - right));
});
