// Signing HS256 tokens: the development tokens `npm start` prints, and the tokens tests send.
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { OPERATOR_ROLE, WORKER_ROLE } from './roles';

export interface TokenClaims {
  readonly subject: string;
  readonly roles: readonly string[];
  /**
   * Lifetime, seconds; negative gives an already expired token (tests).
   * @default 12 hours
   */
  readonly expiresInSeconds?: number;
  /** @default 'roles' */
  readonly rolesClaim?: string;
  readonly issuer?: string;
  readonly audience?: string;
}

/** Signs an HS256 JWT with the secret. */
export async function signToken(secret: string, claims: TokenClaims): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ [claims.rolesClaim ?? 'roles']: [...claims.roles] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.subject)
    .setIssuedAt(now)
    .setExpirationTime(now + (claims.expiresInSeconds ?? 12 * 3600));
  if (claims.issuer !== undefined) jwt.setIssuer(claims.issuer);
  if (claims.audience !== undefined) jwt.setAudience(claims.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}

/** A random secret for a development run (never persisted: tokens die with the process). */
export function randomDevelopmentSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The role a development "starter" token carries: definitions naming it may be started with it. */
export const DEVELOPMENT_STARTER_ROLE = 'starter';

export interface DevelopmentTokens {
  readonly operator: string;
  readonly worker: string;
  readonly starter: string;
}

/** One token per kind of caller, valid for `expiresInSeconds` (default 12 hours). */
export async function developmentTokens(
  secret: string,
  options: { readonly expiresInSeconds?: number; readonly rolesClaim?: string } = {},
): Promise<DevelopmentTokens> {
  const sign = (subject: string, roles: readonly string[]) =>
    signToken(secret, { subject, roles, ...options });
  return {
    operator: await sign('dev-operator', [OPERATOR_ROLE]),
    worker: await sign('dev-worker', [WORKER_ROLE]),
    starter: await sign('dev-starter', [DEVELOPMENT_STARTER_ROLE]),
  };
}
