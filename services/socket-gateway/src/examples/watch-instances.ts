// A socket client of the gateway in Node (the protocol of docs/socket-protocol.md): follows one
// instance or every instance of a process and prints each state as it changes.
//   npx tsx services/socket-gateway/src/examples/watch-instances.ts http://localhost:8081 --process order-process
//   npx tsx services/socket-gateway/src/examples/watch-instances.ts http://localhost:8081 --instance 2251799813685249
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  InstanceLiveState,
  ServerToClientEvents,
  SubscribeRequest,
} from '@baton/contracts';

const [address = 'http://localhost:8081', option = '--process', value = 'order-process'] =
  process.argv.slice(2);
const request: SubscribeRequest =
  option === '--instance' ? { processInstanceKey: value } : { processDefinitionId: value };

const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(address, { transports: ['websocket'] });
/** The newest revision shown per instance: a snapshot after a reconnect may repeat one. */
const shown = new Map<string, number>();

function show(state: InstanceLiveState): void {
  if ((shown.get(state.processInstanceKey) ?? -1) > state.revision) return;
  shown.set(state.processInstanceKey, state.revision);
  const tokens = state.tokens.filter((token) => token.state === 'ACTIVE').map((token) => token.elementId);
  console.log(
    `${state.processInstanceKey} r${state.revision} ${state.state} active=[${state.activeElementIds.join(',')}] tokens=[${tokens.join(',')}]`,
  );
}

// (Re)subscribe on every connect: subscriptions live as long as the connection.
socket.on('connect', () => {
  socket
    .emitWithAck('subscribe', request)
    .then((answer) => {
      if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
      answer.snapshots.forEach(show);
    })
    .catch((error: unknown) => {
      console.error('subscribe failed:', error);
      socket.close();
    });
});
socket.on('instance.updated', show);
// Sent instead of the updates this client was too slow to take: the current states.
socket.on('resync', (resync) => resync.snapshots.forEach(show));
socket.on('connect_error', (error) => console.error(`cannot connect to ${address}: ${error.message}`));
process.on('SIGINT', () => socket.close());
