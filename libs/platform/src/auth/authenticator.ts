// Verifies bearer JWTs with jose (HS256 secret, a JWKS URL, or the keys an OpenID provider's
// discovery names) and turns them into principals.
// Every failure is UNAUTHORIZED with a message saying what was wrong with the token.
import {
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { createSecretKey, type KeyObject } from 'node:crypto';
import { BatonError } from '@baton/contracts';
import type { AuthSettings } from './auth-config';
import { issuerKeySet } from './issuer-key-set';
import { unrestrictedPrincipal, type Principal } from './roles';
import { VerifiedTokens } from './verified-tokens';

export interface Authenticator {
  readonly mode: 'jwt' | 'none';
  /**
   * The principal of a bearer token (without the `Bearer ` prefix); throws UNAUTHORIZED when it
   * is missing, malformed, badly signed, expired or from another issuer/audience. With mode
   * `none`, every caller is the unrestricted principal.
   */
  authenticate(token: string | undefined): Promise<Principal>;
}

/** `Bearer abc` → `abc`; anything else → undefined. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}

/** An authenticator that lets everyone in: AUTH_MODE=none. */
export const noAuthentication: Authenticator = {
  mode: 'none',
  authenticate: () => Promise.resolve(unrestrictedPrincipal),
};

export function createAuthenticator(settings: AuthSettings): Authenticator {
  if (settings.mode === 'none') return noAuthentication;
  const rolesClaim = settings.rolesClaim ?? 'roles';
  let key: KeyObject | JWTVerifyGetKey;
  let algorithms: string[] | undefined;
  if (settings.secret !== undefined) {
    // Made once: given the secret's bytes, jose would make this key object on every verification.
    key = createSecretKey(Buffer.from(settings.secret, 'utf8'));
    algorithms = ['HS256'];
  } else if (settings.jwksUrl !== undefined) {
    key = createRemoteJWKSet(new URL(settings.jwksUrl));
  } else if (settings.oidcIssuer !== undefined) {
    key = issuerKeySet(settings.oidcIssuer);
  } else {
    throw new Error('AUTH_MODE=jwt needs AUTH_JWT_SECRET, AUTH_JWKS_URL or AUTH_OIDC_ISSUER');
  }
  // The provider's own tokens name it as their issuer; AUTH_ISSUER, when set, says otherwise.
  const issuer = settings.issuer ?? settings.oidcIssuer;
  const verified = new VerifiedTokens();
  return {
    mode: 'jwt',
    authenticate: async (token) => {
      if (token === undefined || token === '') {
        throw new BatonError('UNAUTHORIZED', 'Authentication required: send "Authorization: Bearer <JWT>".');
      }
      const known = verified.get(token);
      if (known !== undefined) return known;
      let payload: JWTPayload;
      try {
        const options = {
          ...(algorithms ? { algorithms } : {}),
          ...(issuer !== undefined ? { issuer } : {}),
          ...(settings.audience !== undefined ? { audience: settings.audience } : {}),
        };
        // Overloads of jwtVerify differ by key type; both are called with the same options.
        payload =
          typeof key === 'function'
            ? (await jwtVerify(token, key, options)).payload
            : (await jwtVerify(token, key, options)).payload;
      } catch (error) {
        throw new BatonError('UNAUTHORIZED', `Invalid bearer token: ${describeFailure(error)}`);
      }
      const principal = { subject: payload.sub ?? 'unknown', roles: rolesOf(payload[rolesClaim]) };
      verified.remember(token, principal, payload.exp);
      return principal;
    },
  };
}

/** Roles as an array claim, or one string separated by spaces or commas (OAuth `scope` style). */
function rolesOf(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((role): role is string => typeof role === 'string');
  if (typeof claim === 'string') return claim.split(/[\s,]+/).filter((role) => role !== '');
  return [];
}

function describeFailure(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'the token has expired.';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'the signature does not verify.';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `claim check failed (${error.message}).`;
  if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid)
    return 'the token is malformed.';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'no key of the JWKS matches the token.';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'the signing algorithm is not allowed.';
  return error instanceof Error ? error.message : String(error);
}
