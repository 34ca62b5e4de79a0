// The socket.io side of the gateway: a session per connected client, the subscribe / unsubscribe
// requests validated against the contract schemas, and answers through socket.io acknowledgements.
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import {
  formatZodIssues,
  subscribeRequestSchema,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SocketFailure,
  type SubscribeRequest,
} from '@baton/contracts';
import type { Authenticator } from '@baton/platform';
import { handshakeAuthentication, principalOfSocket } from './handshake-auth';
import { ClientSession, type ClientSessionOptions } from './sessions/client-session';
import { visibilityFor, type StarterRolesCache } from './sessions/instance-visibility';

export type GatewaySocketServer = Server<ClientToServerEvents, ServerToClientEvents>;
type GatewaySocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/** Largest message a client may send: they only send subscribe requests. */
const maxClientMessageBytes = 16 * 1024;

export function attachSocketServer(
  httpServer: HttpServer,
  sessionOptions: Omit<ClientSessionOptions, 'onOverflow' | 'visibility'>,
  events: { readonly onOverflow: () => void },
  auth: { readonly authenticator: Authenticator; readonly starterRoles: StarterRolesCache },
): GatewaySocketServer {
  const io: GatewaySocketServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: maxClientMessageBytes,
  });
  io.use(handshakeAuthentication(auth.authenticator));
  io.on('connection', (socket) => {
    const session = new ClientSession(connectionOf(socket), {
      ...sessionOptions,
      onOverflow: events.onOverflow,
      visibility: visibilityFor(principalOfSocket(socket), auth.starterRoles),
    });
    socket.on('subscribe', (request, ack) => {
      const parsed = parseRequest(request);
      if (!parsed.ok) return answer(ack, { ok: false, error: parsed.error });
      void session.subscribe(parsed.request, (result) => answer(ack, result));
    });
    socket.on('unsubscribe', (request, ack) => {
      const parsed = parseRequest(request);
      answer(ack, parsed.ok ? session.unsubscribe(parsed.request) : { ok: false, error: parsed.error });
    });
    socket.on('disconnect', () => session.close());
  });
  return io;
}

function connectionOf(socket: GatewaySocket) {
  return {
    sendUpdate: (update: Parameters<ServerToClientEvents['instance.updated']>[0]) =>
      socket.emit('instance.updated', update),
    sendResync: (resync: Parameters<ServerToClientEvents['resync']>[0]) => socket.emit('resync', resync),
    // engine.io emits `drain` when its write buffer went to the transport; while a client does not
    // read, the transport stays busy, nothing drains, and the session's queue fills instead.
    onDrain: (listener: () => void) => socket.conn.on('drain', listener),
  };
}

function parseRequest(
  request: unknown,
): { ok: true; request: SubscribeRequest } | { ok: false; error: SocketFailure } {
  const parsed = subscribeRequestSchema.safeParse(request);
  if (parsed.success) return { ok: true, request: parsed.data };
  const detail = formatZodIssues(parsed.error, { root: null });
  return {
    ok: false,
    error: { code: 'INVALID_ARGUMENT', message: `Invalid subscription request: ${detail}`, retriable: false },
  };
}

/** A client that emitted without an acknowledgement callback gets nothing back. */
function answer<T>(ack: unknown, value: T): void {
  if (typeof ack === 'function') (ack as (value: T) => void)(value);
}
