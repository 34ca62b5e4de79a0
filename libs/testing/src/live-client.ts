// A real socket.io client for the gateway's tests: it records every update and resync it
// receives, in order, and waits for what a test expects with a deadline instead of sleeping.
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  InstanceLiveState,
  Resync,
  ServerToClientEvents,
  SubscribeAnswer,
  SubscribeRequest,
  UnsubscribeAnswer,
} from '@baton/contracts';
import { testToken } from './test-auth';
import { waitFor } from './wait-for';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What a client received, in arrival order. */
export type Received =
  | { readonly kind: 'update'; readonly state: InstanceLiveState }
  | { readonly kind: 'resync'; readonly resync: Resync };

export interface LiveClient {
  readonly socket: ClientSocket;
  readonly received: Received[];
  /** Only the updates, in arrival order. */
  updates(): InstanceLiveState[];
  subscribe(request: SubscribeRequest): Promise<SubscribeAnswer>;
  unsubscribe(request: SubscribeRequest): Promise<UnsubscribeAnswer>;
  /** Resolves with the first received update that matches. */
  waitForUpdate(
    matches: (state: InstanceLiveState) => boolean,
    description: string,
    timeoutMs?: number,
  ): Promise<InstanceLiveState>;
  close(): void;
}

/**
 * Connects with `token` in the handshake: by default an operator's signed with the test secret
 * (the gateways of the tests run with authentication on); `null` sends none.
 */
export async function connectLiveClient(
  port: number,
  transport: 'websocket' | 'polling' = 'websocket',
  token?: string | null,
): Promise<LiveClient> {
  const sent = token === undefined ? await testToken() : token;
  const socket: ClientSocket = io(`http://127.0.0.1:${port}`, {
    ...(sent === null ? {} : { auth: { token: sent } }),
    transports: [transport],
    reconnection: false,
    forceNew: true,
  });
  const received: Received[] = [];
  socket.on('instance.updated', (state) => received.push({ kind: 'update', state }));
  socket.on('resync', (resync) => received.push({ kind: 'resync', resync }));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const updates = () => received.flatMap((item) => (item.kind === 'update' ? [item.state] : []));
  return {
    socket,
    received,
    updates,
    subscribe: (request) => socket.timeout(5000).emitWithAck('subscribe', request),
    unsubscribe: (request) => socket.timeout(5000).emitWithAck('unsubscribe', request),
    waitForUpdate: (matches, description, timeoutMs = 5000) =>
      waitFor(() => updates().find(matches), { description, timeoutMs }),
    close: () => socket.close(),
  };
}
