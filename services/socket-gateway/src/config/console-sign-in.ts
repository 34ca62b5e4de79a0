// How the console signs users in at an OpenID provider (authorization code + PKCE): the gateway
// reads it from the environment and tells the console at `/console-config.json`. The provider
// itself is AUTH_OIDC_ISSUER (libs/platform), whose tokens the engine and the gateway verify.
import { z } from 'zod';

export const consoleSignInShape = {
  /** The console's client id at AUTH_OIDC_ISSUER: a public client (no secret) with PKCE. */
  AUTH_OIDC_CLIENT_ID: z.string().min(1).optional(),
  /** Scopes the console asks for, space-separated. @default "openid profile offline_access" */
  AUTH_OIDC_SCOPES: z.string().min(1).optional(),
  /**
   * The API the access token is asked for (sent as `resource`, RFC 8707, and as `audience`, as
   * Auth0 names it); set AUTH_AUDIENCE to the same value to have the engine check it.
   */
  AUTH_OIDC_AUDIENCE: z.string().min(1).optional(),
};

/** `offline_access` asks for a refresh token: the console renews its access token with it. */
export const defaultConsoleScopes = 'openid profile offline_access';

/** What the console needs to sign in; served unauthenticated (none of it is secret). */
export interface ConsoleSignIn {
  readonly issuer: string;
  readonly clientId: string;
  /** Space-separated, with `openid`. */
  readonly scopes: string;
  readonly audience?: string;
}

export interface ConsoleSignInConfig {
  readonly AUTH_MODE: 'jwt' | 'none';
  readonly AUTH_OIDC_ISSUER?: string | undefined;
  readonly AUTH_OIDC_CLIENT_ID?: string | undefined;
  readonly AUTH_OIDC_SCOPES?: string | undefined;
  readonly AUTH_OIDC_AUDIENCE?: string | undefined;
}

/** The configuration problem of the console's sign-in, if any, naming the variable to set. */
export function consoleSignInIssue(
  config: ConsoleSignInConfig,
): { path: string; message: string } | undefined {
  if (config.AUTH_MODE === 'none') return undefined;
  const issuer = config.AUTH_OIDC_ISSUER;
  if (issuer === undefined) {
    return config.AUTH_OIDC_CLIENT_ID === undefined
      ? undefined
      : {
          path: 'AUTH_OIDC_ISSUER',
          message: 'AUTH_OIDC_CLIENT_ID is set: set the issuer it belongs to as well',
        };
  }
  if (config.AUTH_OIDC_CLIENT_ID === undefined) {
    return {
      path: 'AUTH_OIDC_CLIENT_ID',
      message:
        'the console signs users in at AUTH_OIDC_ISSUER: set the client id registered there for it (a public client with PKCE)',
    };
  }
  if (!isSecureOrLoopback(new URL(issuer))) {
    return {
      path: 'AUTH_OIDC_ISSUER',
      message: 'browsers sign in at an https issuer (http only on a loopback address, for development)',
    };
  }
  if (!(config.AUTH_OIDC_SCOPES ?? defaultConsoleScopes).split(/\s+/).includes('openid')) {
    return { path: 'AUTH_OIDC_SCOPES', message: 'must include "openid" (the console shows who signed in)' };
  }
  return undefined;
}

/** The console's sign-in, or undefined when no OpenID provider is configured; throws on a config issue. */
export function consoleSignInOf(config: ConsoleSignInConfig): ConsoleSignIn | undefined {
  const issue = consoleSignInIssue(config);
  if (issue) throw new Error(`Invalid configuration: ${issue.path}: ${issue.message}`);
  const { AUTH_OIDC_ISSUER: issuer, AUTH_OIDC_CLIENT_ID: clientId } = config;
  if (config.AUTH_MODE === 'none' || issuer === undefined || clientId === undefined) return undefined;
  return {
    issuer,
    clientId,
    scopes: (config.AUTH_OIDC_SCOPES ?? defaultConsoleScopes).trim().split(/\s+/).join(' '),
    ...(config.AUTH_OIDC_AUDIENCE !== undefined ? { audience: config.AUTH_OIDC_AUDIENCE } : {}),
  };
}

function isSecureOrLoopback(url: URL): boolean {
  return url.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}
