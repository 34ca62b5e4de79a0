// A client that stops reading its connection must not hold the others up: its bounded queue is
// dropped and, once it reads again, it gets a resync with the current state, never older states.
import type { InstanceLiveState } from '@baton/contracts';
import { connectLiveClient, testAuthenticator, uniqueName, waitFor, type LiveClient } from '@baton/testing';
import type { Socket as NetSocket } from 'node:net';
import { startSocketGateway, type RunningSocketGateway } from './gateway';
import { FakeEngine, liveState } from './testing/fake-engine';

/** The TCP socket under a socket.io-client websocket connection (engine.io-client → ws → net). */
function rawSocketOf(client: LiveClient): NetSocket {
  const transport = (client.socket.io as unknown as { engine: { transport: { ws: { _socket: NetSocket } } } })
    .engine.transport;
  return transport.ws._socket;
}

/** A state with many tokens (~170 kB of JSON), so that a few dozen fill the kernel's socket buffers. */
function bulkyState(base: InstanceLiveState, revision: number): InstanceLiveState {
  const tokens = Array.from({ length: 2000 }, (_, index) => ({
    tokenKey: `${base.processInstanceKey}${index}`,
    parentTokenKey: base.processInstanceKey,
    elementId: `Parallel_Branch_${index % 50}`,
    state: 'ACTIVE' as const,
  }));
  return { ...base, revision, tokens };
}

let engine: FakeEngine;
let gateway: RunningSocketGateway;
let fast: LiveClient;
let slow: LiveClient;

beforeEach(async () => {
  engine = new FakeEngine();
  gateway = await startSocketGateway({
    port: 0,
    host: '127.0.0.1',
    bus: engine.bus,
    snapshots: engine.snapshots,
    engineUrl: 'http://127.0.0.1:9',
    serveConsole: false,
    authenticator: testAuthenticator(),
    maxQueuedUpdates: 8,
    maxUnflushedPackets: 4,
  });
  fast = await connectLiveClient(gateway.port);
  slow = await connectLiveClient(gateway.port);
});

afterEach(async () => {
  fast.close();
  slow.close();
  await gateway.close();
  await engine.close();
});

it('drops the queue of a client that does not read, keeps serving the others, and resyncs it when it reads again', async () => {
  const processDefinitionId = uniqueName('fan-out');
  const base = liveState({ processDefinitionId, revision: 1 });
  engine.store(base);
  await fast.subscribe({ processDefinitionId });
  await slow.subscribe({ processDefinitionId });
  rawSocketOf(slow).pause();

  // Publish in rounds until the slow client overflows; the fast one gets every round meanwhile.
  let revision = 1;
  const deadline = Date.now() + 30_000;
  while (gateway.stats().slowClientOverflows === 0) {
    if (Date.now() > deadline)
      throw new Error(`the slow client never overflowed after ${revision} revisions`);
    const round = Array.from({ length: 10 }, () => bulkyState(base, ++revision));
    await engine.publish(...round);
    const last = revision;
    await fast.waitForUpdate(
      (state) => state.revision === last,
      `revision ${last} on the fast client`,
      10_000,
    );
  }
  const finalState = {
    ...base,
    revision: ++revision,
    state: 'COMPLETED' as const,
    activeElementIds: [],
    tokens: [],
  };
  await engine.publish(finalState);
  await fast.waitForUpdate(
    (state) => state.revision === finalState.revision,
    'the final state on the fast client',
  );
  expect(fast.updates().map((state) => state.revision)).toEqual(
    Array.from({ length: revision - 1 }, (_, index) => index + 2),
  );

  rawSocketOf(slow).resume();
  const resync = await waitFor(() => slow.received.find((item) => item.kind === 'resync'), {
    description: 'a resync on the slow client',
    timeoutMs: 15_000,
  });
  expect(resync).toEqual({
    kind: 'resync',
    resync: {
      reason: 'CLIENT_TOO_SLOW',
      truncated: false,
      snapshots: [expect.objectContaining({ revision: finalState.revision, state: 'COMPLETED' })],
    },
  });

  // What reached it before it stopped reading, then the resync: states only ever move forward.
  const seen = slow.received.flatMap((item) =>
    item.kind === 'update' ? [item.state.revision] : item.resync.snapshots.map((s) => s.revision),
  );
  expect(seen).toEqual([...seen].sort((left, right) => left - right));
  expect(slow.updates().length).toBeLessThan(revision - 1);
  // It follows live again: a newer state reaches it as an update.
  await engine.publish({ ...finalState, revision: finalState.revision + 1 });
  await slow.waitForUpdate(
    (state) => state.revision === finalState.revision + 1,
    'an update after the resync',
  );
}, 60_000);
