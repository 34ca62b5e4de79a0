// Authentication settings from the environment (DESIGN §6), shared by the engine, the socket
// gateway and the standalone: validated with zod at start-up, on unless AUTH_MODE=none says otherwise.
import { z } from 'zod';

export const authConfigShape = {
  /** `jwt`: every API call needs a bearer JWT; `none`: no authentication (logged as a warning). @default "jwt" */
  AUTH_MODE: z.enum(['jwt', 'none']).default('jwt'),
  /** HS256 secret the tokens are signed with (at least 32 characters). */
  AUTH_JWT_SECRET: z.string().min(32, 'at least 32 characters (256 bits for HS256)').optional(),
  /** URL of a JSON Web Key Set the tokens' signatures are checked against (RS256, ES256, …). */
  AUTH_JWKS_URL: z.string().url('expected a URL').optional(),
  /**
   * An OpenID provider's issuer URL: tokens are checked against the keys its discovery document
   * names (unless AUTH_JWKS_URL is set) and their `iss` must equal it (unless AUTH_ISSUER is set).
   * The console signs users in there (with the gateway's AUTH_OIDC_CLIENT_ID).
   */
  AUTH_OIDC_ISSUER: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
  /** The claim holding the caller's roles (an array, or a space- or comma-separated string). @default "roles" */
  AUTH_ROLES_CLAIM: z.string().min(1).default('roles'),
  /** When set, a token's `iss` must equal it. */
  AUTH_ISSUER: z.string().min(1).optional(),
  /** When set, a token's `aud` must contain it. */
  AUTH_AUDIENCE: z.string().min(1).optional(),
};

export const authConfigSchema = z.object(authConfigShape);
export type AuthConfig = z.infer<typeof authConfigSchema>;

/** How callers are authenticated. */
export type AuthSettings =
  | { readonly mode: 'none' }
  | {
      readonly mode: 'jwt';
      /** HS256 secret; or `jwksUrl` and/or `oidcIssuer` (not both with a secret). */
      readonly secret?: string;
      readonly jwksUrl?: string;
      /** An OpenID provider: its keys are found by discovery when no `jwksUrl` is given. */
      readonly oidcIssuer?: string;
      /** @default 'roles' */
      readonly rolesClaim?: string;
      readonly issuer?: string;
      readonly audience?: string;
    };

/**
 * The configuration problem of an auth config, if any: jwt mode needs a secret or a JWKS URL.
 * `context` is added to the config's superRefine so that start-up fails naming the variables.
 */
export function authConfigIssue(config: AuthConfig): { path: string; message: string } | undefined {
  if (config.AUTH_MODE !== 'jwt') return undefined;
  const providerKeys = config.AUTH_JWKS_URL !== undefined || config.AUTH_OIDC_ISSUER !== undefined;
  if (config.AUTH_JWT_SECRET === undefined && !providerKeys) {
    return {
      path: 'AUTH_JWT_SECRET',
      message:
        'authentication is on (AUTH_MODE=jwt, the default) but no key is configured: set AUTH_JWT_SECRET (HS256), AUTH_JWKS_URL or AUTH_OIDC_ISSUER, or set AUTH_MODE=none explicitly to run without authentication',
    };
  }
  if (config.AUTH_JWT_SECRET !== undefined && providerKeys) {
    return {
      path: config.AUTH_JWKS_URL !== undefined ? 'AUTH_JWKS_URL' : 'AUTH_OIDC_ISSUER',
      message: 'set AUTH_JWT_SECRET or an identity provider (AUTH_JWKS_URL, AUTH_OIDC_ISSUER), not both',
    };
  }
  return undefined;
}

/** The settings of a validated config (call {@link authConfigIssue} first). */
export function authSettingsOf(config: AuthConfig): AuthSettings {
  if (config.AUTH_MODE === 'none') return { mode: 'none' };
  return {
    mode: 'jwt',
    ...(config.AUTH_JWT_SECRET !== undefined ? { secret: config.AUTH_JWT_SECRET } : {}),
    ...(config.AUTH_JWKS_URL !== undefined ? { jwksUrl: config.AUTH_JWKS_URL } : {}),
    ...(config.AUTH_OIDC_ISSUER !== undefined ? { oidcIssuer: config.AUTH_OIDC_ISSUER } : {}),
    rolesClaim: config.AUTH_ROLES_CLAIM,
    ...(config.AUTH_ISSUER !== undefined ? { issuer: config.AUTH_ISSUER } : {}),
    ...(config.AUTH_AUDIENCE !== undefined ? { audience: config.AUTH_AUDIENCE } : {}),
  };
}

/** The start-up warning of AUTH_MODE=none. */
export const authDisabledWarning =
  'WARNING: AUTH_MODE=none — authentication is OFF; anyone who reaches this service may deploy, start, cancel and complete anything. Do not run like this outside a trusted development machine.';
