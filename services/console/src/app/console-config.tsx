// What the gateway that serves the console says about signing in, at `/console-config.json`:
// whether the server runs open (AUTH_MODE=none), and the OpenID provider to sign in at when one is
// configured (AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID…). Asked rather than probed with an
// unauthenticated API call, whose 401 would be logged as an error in every browser's console.

/** The gateway's ConsoleSignIn (services/socket-gateway/src/config/console-sign-in.ts). */
export interface OidcSettings {
  readonly issuer: string;
  readonly clientId: string;
  /** Space-separated, with `openid`. */
  readonly scopes: string;
  /** Sent as `resource` (RFC 8707) and `audience` when set. */
  readonly audience?: string;
}

export interface ConsoleConfig {
  readonly authMode: 'jwt' | 'none';
  /** Where users sign in; none: a pasted token (the development fallback). */
  readonly oidc?: OidcSettings;
}

/** The gateway's answer; when it cannot be asked, authentication is assumed on with a pasted token. */
export async function readConsoleConfig(): Promise<ConsoleConfig> {
  try {
    const response = await fetch('/console-config.json');
    if (!response.ok) return { authMode: 'jwt' };
    const config = (await response.json()) as { authMode?: unknown; oidc?: Partial<OidcSettings> };
    if (config.authMode === 'none') return { authMode: 'none' };
    const oidc = config.oidc;
    if (typeof oidc?.issuer === 'string' && typeof oidc.clientId === 'string')
      return {
        authMode: 'jwt',
        oidc: {
          issuer: oidc.issuer,
          clientId: oidc.clientId,
          scopes: typeof oidc.scopes === 'string' ? oidc.scopes : 'openid',
          ...(typeof oidc.audience === 'string' ? { audience: oidc.audience } : {}),
        },
      };
    return { authMode: 'jwt' };
  } catch {
    return { authMode: 'jwt' };
  }
}
