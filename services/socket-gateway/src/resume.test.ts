// Subscribing again with `resumeFrom` on a real socket.io server fed by a stand-in engine: the
// updates after the cursor (the rest of an engine write included), a snapshot once the gateway's
// journal no longer holds them, and a cursor refused where it does not apply.
import type { InstanceLiveState } from '@baton/contracts';
import { connectLiveClient, testAuthenticator, uniqueName, waitFor, type LiveClient } from '@baton/testing';
import { startSocketGateway, type RunningSocketGateway } from './gateway';
import type { SocketGatewayOptions } from './gateway-options';
import { FakeEngine, liveState } from './testing/fake-engine';

let engine: FakeEngine;
let gateway: RunningSocketGateway;
let clients: LiveClient[];

async function startGateway(options: Partial<SocketGatewayOptions> = {}): Promise<void> {
  gateway = await startSocketGateway({
    port: 0,
    host: '127.0.0.1',
    bus: engine.bus,
    snapshots: engine.snapshots,
    engineUrl: 'http://127.0.0.1:9',
    serveConsole: false,
    authenticator: testAuthenticator(),
    ...options,
  });
}

async function connect(): Promise<LiveClient> {
  const client = await connectLiveClient(gateway.port);
  clients.push(client);
  return client;
}

beforeEach(() => {
  engine = new FakeEngine();
  clients = [];
});

afterEach(async () => {
  for (const client of clients) client.close();
  await gateway?.close();
  await engine.close();
});

const at = (key: string, revision: number, activeElementId: string): InstanceLiveState =>
  liveState({
    processDefinitionId: 'order',
    processInstanceKey: key,
    revision,
    activeElementIds: [activeElementId],
  });

it('pushes the updates after the cursor, the rest of a write cut off in the middle included', async () => {
  await startGateway();
  const watcher = await connect();
  const key = liveState({ processDefinitionId: 'order' }).processInstanceKey;
  await watcher.subscribe({ processInstanceKey: key });
  const history = [at(key, 1, 'A'), at(key, 2, 'Gateway'), at(key, 2, 'B'), at(key, 3, 'C')];
  await engine.publish(...history);
  await waitFor(() => gateway.stats().updatesReceived === 4, { description: 'four updates read' });

  // A client that had the first update of revision 2 only.
  const resuming = await connect();
  expect(
    await resuming.subscribe({ processInstanceKey: key, resumeFrom: { revision: 2, updatesAtRevision: 1 } }),
  ).toEqual({ ok: true, snapshots: [], resumed: true });
  await resuming.waitForUpdate((state) => state.revision === 3, 'revision 3');
  expect(resuming.updates().map((state) => state.activeElementIds[0])).toEqual(['B', 'C']);

  // Live updates follow the replayed ones, without a gap or a repeat.
  await engine.publish(at(key, 4, 'D'));
  await resuming.waitForUpdate((state) => state.revision === 4, 'revision 4');
  await resuming.unsubscribe({ processInstanceKey: key });
  expect(resuming.updates().map((state) => state.activeElementIds[0])).toEqual(['B', 'C', 'D']);
});

it('answers the current state when the journal no longer holds what came after the cursor', async () => {
  await startGateway({ resumeMaxUpdates: 2 });
  const key = liveState({ processDefinitionId: 'order' }).processInstanceKey;
  await engine.publish(at(key, 1, 'A'), at(key, 2, 'B'), at(key, 3, 'C'));
  await waitFor(() => gateway.stats().updatesReceived === 3, { description: 'three updates read' });
  const client = await connect();

  expect(await client.subscribe({ processInstanceKey: key, resumeFrom: { revision: 1 } })).toEqual({
    ok: true,
    snapshots: [at(key, 3, 'C')],
    resumed: false,
  });
  // An instance this replica never read: the current state too.
  const unknown = liveState({ processDefinitionId: 'order', revision: 7 });
  engine.store(unknown);
  expect(
    await client.subscribe({ processInstanceKey: unknown.processInstanceKey, resumeFrom: { revision: 5 } }),
  ).toEqual({ ok: true, snapshots: [unknown], resumed: false });
});

it('refuses a cursor on a subscription by process id, or a malformed one', async () => {
  await startGateway();
  const client = await connect();
  for (const request of [
    { processDefinitionId: uniqueName('order'), resumeFrom: { revision: 3 } },
    { processInstanceKey: '12', resumeFrom: { revision: -1 } },
    { processInstanceKey: '12', resumeFrom: { revision: 3, updatesAtRevision: 0 } },
  ]) {
    expect(await client.subscribe(request)).toEqual({
      ok: false,
      error: {
        code: 'INVALID_ARGUMENT',
        message: expect.stringMatching(/^Invalid subscription request: .*resumeFrom/),
        retriable: false,
      },
    });
  }
});
