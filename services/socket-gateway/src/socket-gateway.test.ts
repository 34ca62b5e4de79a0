// The gateway on a real socket.io server (port 0) with real socket.io clients, fed by a stand-in
// engine on the in-memory bus whose revisions the tests choose: subscriptions and their snapshots,
// revision order, unsubscribe, and several replicas on one bus.
import type { InstanceLiveState } from '@baton/contracts';
import { connectLiveClient, testAuthenticator, uniqueName, waitFor, type LiveClient } from '@baton/testing';
import { startSocketGateway, type RunningSocketGateway } from './gateway';
import { FakeEngine, liveState } from './testing/fake-engine';

let engine: FakeEngine;
let gateways: RunningSocketGateway[];
let clients: LiveClient[];

async function startGateway(replicaId?: string): Promise<RunningSocketGateway> {
  const gateway = await startSocketGateway({
    port: 0,
    host: '127.0.0.1',
    bus: engine.bus,
    snapshots: engine.snapshots,
    engineUrl: 'http://127.0.0.1:9',
    serveConsole: false,
    authenticator: testAuthenticator(),
    ...(replicaId ? { replicaId } : {}),
  });
  gateways.push(gateway);
  return gateway;
}

async function connect(
  gateway: RunningSocketGateway,
  transport: 'websocket' | 'polling' = 'websocket',
): Promise<LiveClient> {
  const client = await connectLiveClient(gateway.port, transport);
  clients.push(client);
  return client;
}

/**
 * Waits until the gateway has handed `count` updates to their followers, then makes a round trip
 * on the client's connection: whatever the gateway sent it before has arrived after that.
 */
async function settle(gateway: RunningSocketGateway, count: number, client: LiveClient): Promise<void> {
  await waitFor(() => gateway.stats().updatesReceived >= count, {
    description: `${count} updates read from the bus`,
  });
  await client.unsubscribe({ processInstanceKey: '1' });
}

const revisionsOf = (states: readonly InstanceLiveState[]) =>
  states.map((state) => `${state.processInstanceKey}@${state.revision}`);

beforeEach(() => {
  engine = new FakeEngine();
  gateways = [];
  clients = [];
});

afterEach(async () => {
  for (const client of clients) client.close();
  await Promise.all(gateways.map((gateway) => gateway.close()));
  await engine.close();
});

describe('subscribing to an instance', () => {
  it('answers with its snapshot, then pushes only newer states, in revision order', async () => {
    const gateway = await startGateway();
    const client = await connect(gateway);
    const processDefinitionId = uniqueName('order');
    const snapshot = liveState({ processDefinitionId, revision: 3 });
    const key = snapshot.processInstanceKey;
    engine.store(snapshot);

    expect(await client.subscribe({ processInstanceKey: key })).toEqual({ ok: true, snapshots: [snapshot] });

    const stale = liveState({ processDefinitionId, processInstanceKey: key, revision: 2 });
    const sameAsSnapshot = liveState({ processDefinitionId, processInstanceKey: key, revision: 3 });
    // Two commands applied in one write share revision 4: both states reach the client, in order.
    const intermediate = liveState({
      processDefinitionId,
      processInstanceKey: key,
      revision: 4,
      activeElementIds: ['Gateway'],
    });
    const afterWrite = liveState({
      processDefinitionId,
      processInstanceKey: key,
      revision: 4,
      activeElementIds: ['Ship'],
    });
    const completed = liveState({
      processDefinitionId,
      processInstanceKey: key,
      revision: 5,
      state: 'COMPLETED',
      activeElementIds: [],
      completedElementIds: ['Start', 'Task', 'End'],
      tokens: [{ tokenKey: `${key}1`, parentTokenKey: null, elementId: 'End', state: 'COMPLETED' }],
    });
    const redelivered = liveState({ processDefinitionId, processInstanceKey: key, revision: 4 });
    await engine.publish(stale, sameAsSnapshot, intermediate, afterWrite, completed, redelivered);
    await settle(gateway, 6, client);

    expect(client.updates()).toEqual(
      [intermediate, afterWrite, completed].map((state) => ({ ...state, timestamp: expect.any(String) })),
    );
  });

  it('answers with no snapshot for an instance the engine has not stored yet, and pushes its first state', async () => {
    const gateway = await startGateway();
    const client = await connect(gateway);
    const created = liveState({ processDefinitionId: uniqueName('order'), revision: 1 });

    expect(await client.subscribe({ processInstanceKey: created.processInstanceKey })).toEqual({
      ok: true,
      snapshots: [],
    });
    await engine.publish(created);

    const first = await client.waitForUpdate(
      (state) => state.processInstanceKey === created.processInstanceKey,
      'the first state',
    );
    expect(first).toMatchObject({ revision: 1, state: 'ACTIVE', activeElementIds: ['Task'] });
  });

  it('refuses a request that names neither or both, or a malformed key', async () => {
    const gateway = await startGateway();
    const client = await connect(gateway);
    for (const request of [
      {},
      { processInstanceKey: '12', processDefinitionId: 'order' },
      { processInstanceKey: 'twelve' },
    ]) {
      expect(await client.subscribe(request as never)).toEqual({
        ok: false,
        error: {
          code: 'INVALID_ARGUMENT',
          message: expect.stringMatching(/^Invalid subscription request: /),
          retriable: false,
        },
      });
    }
  });

  it('stops pushing after unsubscribe, while other clients go on receiving', async () => {
    const gateway = await startGateway();
    const leaving = await connect(gateway);
    const staying = await connect(gateway);
    const state = liveState({ processDefinitionId: uniqueName('order'), revision: 1 });
    engine.store(state);
    const request = { processInstanceKey: state.processInstanceKey };
    await leaving.subscribe(request);
    await staying.subscribe(request);

    expect(await leaving.unsubscribe(request)).toEqual({ ok: true, wasSubscribed: true });
    expect(await leaving.unsubscribe(request)).toEqual({ ok: true, wasSubscribed: false });
    await engine.publish({ ...state, revision: 2 });

    await staying.waitForUpdate((update) => update.revision === 2, 'revision 2 on the subscribed client');
    await settle(gateway, 1, leaving);
    expect(leaving.updates()).toEqual([]);
  });
});

describe('over HTTP long-polling (the fallback transport)', () => {
  it('answers and pushes as over a websocket', async () => {
    const gateway = await startGateway();
    const client = await connect(gateway, 'polling');
    const state = liveState({ processDefinitionId: uniqueName('order'), revision: 1 });
    engine.store(state);

    expect(await client.subscribe({ processInstanceKey: state.processInstanceKey })).toEqual({
      ok: true,
      snapshots: [state],
    });
    await engine.publish({ ...state, revision: 2 });

    await client.waitForUpdate((update) => update.revision === 2, 'revision 2 over polling');
  });
});

describe('subscribing to a process id', () => {
  it('answers with its active instances and pushes the states of its instances only', async () => {
    const gateway = await startGateway();
    const client = await connect(gateway);
    const processDefinitionId = uniqueName('order');
    const running = liveState({ processDefinitionId, revision: 2 });
    const ended = liveState({ processDefinitionId, revision: 4, state: 'COMPLETED', activeElementIds: [] });
    const otherProcess = liveState({ processDefinitionId: uniqueName('invoice'), revision: 1 });
    engine.store(running, ended, otherProcess);

    expect(await client.subscribe({ processDefinitionId })).toEqual({ ok: true, snapshots: [running] });

    const started = liveState({ processDefinitionId, revision: 1 });
    await engine.publish({ ...otherProcess, revision: 2 }, { ...running, revision: 3 }, started);
    await settle(gateway, 3, client);

    expect(revisionsOf(client.updates()).sort()).toEqual(
      [`${running.processInstanceKey}@3`, `${started.processInstanceKey}@1`].sort(),
    );
  });
});

describe('several gateway replicas', () => {
  it('each sees every event of the bus, in its own consumer group', async () => {
    const first = await startGateway(uniqueName('gateway-a'));
    const second = await startGateway(uniqueName('gateway-b'));
    const processDefinitionId = uniqueName('order');
    const onFirst = await connect(first);
    const onSecond = await connect(second);
    await onFirst.subscribe({ processDefinitionId });
    await onSecond.subscribe({ processDefinitionId });

    const instance = liveState({ processDefinitionId, revision: 1 });
    const states = [
      instance,
      { ...instance, revision: 2 },
      { ...instance, revision: 3, state: 'COMPLETED' as const },
    ];
    await engine.publish(...states);

    for (const client of [onFirst, onSecond]) {
      await client.waitForUpdate((state) => state.revision === 3, 'the last revision');
      expect(revisionsOf(client.updates())).toEqual(revisionsOf(states));
    }
    expect(first.stats().updatesReceived).toBe(3);
    expect(second.stats().updatesReceived).toBe(3);
  });
});
