// A client that survives dropped connections (a phone in a tunnel, a laptop changing networks):
// it keeps a resume cursor per instance and, on every reconnect, subscribes again with it — so the
// gateway pushes only the updates it missed, or answers the current state when those are gone.
//   npx tsx services/socket-gateway/src/examples/resume-after-offline.ts http://localhost:8081 2251799813685249
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  InstanceLiveState,
  ResumeCursor,
  ServerToClientEvents,
} from '@baton/contracts';

const [address = 'http://localhost:8081', processInstanceKey = '2251799813685249'] = process.argv.slice(2);
const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(address, { transports: ['websocket'] });

/** Where this client stands: the last revision it has, and how many updates of it it received. */
let cursor: ResumeCursor | undefined;

function show(state: InstanceLiveState, from: 'snapshot' | 'update'): void {
  if (cursor !== undefined && state.revision < cursor.revision) return;
  if (from === 'snapshot') {
    // A snapshot is the final state of its revision.
    cursor = { revision: state.revision };
  } else {
    const seen = cursor?.revision === state.revision ? (cursor.updatesAtRevision ?? 0) : 0;
    cursor = { revision: state.revision, updatesAtRevision: seen + 1 };
  }
  console.log(`r${state.revision} ${state.state} active=[${state.activeElementIds.join(',')}]`);
}

// Subscriptions end with the connection: subscribe again on every connect, from the cursor once
// there is one.
socket.on('connect', () => {
  socket
    .emitWithAck('subscribe', { processInstanceKey, ...(cursor && { resumeFrom: cursor }) })
    .then((answer) => {
      if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
      // resumed: the missed updates follow as instance.updated; otherwise this is the current state.
      if (answer.resumed) console.log('resumed: the missed updates follow');
      answer.snapshots.forEach((state) => show(state, 'snapshot'));
    })
    .catch((error: unknown) => {
      console.error('subscribe failed:', error);
      socket.close();
    });
});
socket.on('instance.updated', (state) => show(state, 'update'));
socket.on('resync', (resync) => resync.snapshots.forEach((state) => show(state, 'snapshot')));
socket.on('disconnect', (reason) => console.log(`offline (${reason}); socket.io reconnects by itself`));
process.on('SIGINT', () => socket.close());
