// The token a service sends to the engine on its own behalf (the socket gateway reading
// snapshots): a fixed token from the environment, or an operator token it signs itself with the
// shared HS256 secret and signs again before it expires.
import { signToken } from './dev-tokens';
import { OPERATOR_ROLE } from './roles';

/** Gives the current token; undefined when the engine runs without authentication. */
export type ServiceTokenSource = () => Promise<string | undefined>;

const lifetimeSeconds = 3600;
const renewBeforeSeconds = 300;

/** Signs an operator token for `subject` with the secret, renewed five minutes before it expires. */
export function signedServiceToken(secret: string, subject: string, rolesClaim?: string): ServiceTokenSource {
  let current: { token: string; renewAt: number } | undefined;
  return async () => {
    const now = Date.now();
    if (current === undefined || now >= current.renewAt) {
      const token = await signToken(secret, {
        subject,
        roles: [OPERATOR_ROLE],
        expiresInSeconds: lifetimeSeconds,
        ...(rolesClaim !== undefined ? { rolesClaim } : {}),
      });
      current = { token, renewAt: now + (lifetimeSeconds - renewBeforeSeconds) * 1000 };
    }
    return current.token;
  };
}

export function fixedServiceToken(token: string | undefined): ServiceTokenSource {
  return () => Promise.resolve(token);
}
