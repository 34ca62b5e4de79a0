// Authentication of the socket handshake (DESIGN §6): the same bearer JWT as the REST API, sent as
// `auth: { token }` by socket.io clients (browsers cannot set headers on a WebSocket) or as an
// `Authorization: Bearer` header. A refused handshake reaches the client as a `connect_error`
// whose message says why and whose `data` is the RFC 9457 problem document the REST API would answer.
import type { Socket } from 'socket.io';
import { BatonError, type Problem } from '@baton/contracts';
import { bearerToken, type Authenticator, type Principal } from '@baton/platform';

const principalKey = 'principal';

/** The token of a handshake: `auth.token` (with or without `Bearer `), else the Authorization header. */
export function handshakeToken(handshake: Socket['handshake']): string | undefined {
  const auth = handshake.auth as { token?: unknown } | undefined;
  if (typeof auth?.token === 'string' && auth.token.trim() !== '') {
    return bearerToken(auth.token) ?? auth.token.trim();
  }
  return bearerToken(handshake.headers.authorization);
}

/** socket.io middleware: admits a socket with a valid token and keeps its principal. */
export function handshakeAuthentication(
  authenticator: Authenticator,
): (socket: Socket, next: (error?: Error) => void) => void {
  return (socket, next) => {
    authenticator.authenticate(handshakeToken(socket.handshake)).then(
      (principal) => {
        (socket.data as Record<string, unknown>)[principalKey] = principal;
        next();
      },
      (error: unknown) => next(refusal(error)),
    );
  };
}

export function principalOfSocket(socket: Socket): Principal {
  const principal = (socket.data as Record<string, unknown>)[principalKey] as Principal | undefined;
  if (principal === undefined) throw new Error('socket without an authenticated principal');
  return principal;
}

/** The connect_error a refused client gets: a message, and the problem document as `data`. */
function refusal(error: unknown): Error & { data: Problem } {
  const known = error instanceof BatonError ? error : undefined;
  const title = known?.code ?? 'UNAUTHORIZED';
  const status = title === 'FORBIDDEN' ? 403 : title === 'UNAUTHORIZED' ? 401 : 500;
  const detail = error instanceof Error ? error.message : String(error);
  const refused = new Error(detail) as Error & { data: Problem };
  refused.data = { type: 'about:blank', title, status, detail, instance: '/socket.io/' };
  return refused;
}
