// A real OpenID provider for the console's browser test: the `oidc-provider` package (the certified
// Node implementation) with its own login and consent pages, one public client (the console) and
// one user. Run as a child process by oidc-provider-process.ts — oidc-provider is ESM-only, which
// Jest's CommonJS runtime cannot load — and configured over the IPC channel once the test knows
// the console's address (the client's redirect URI):
//   child → { issuer }   (listening; the issuer is this server's address)
//   parent → ProviderSetup
//   child → { ready: true }
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { errors, type Configuration } from 'oidc-provider';

/** What the test asks of the provider. */
export interface ProviderSetup {
  /** The console's root: where the provider sends the browser back after signing in and out. */
  readonly redirectUri: string;
  readonly clientId: string;
  /** The API's audience: access tokens are JWTs for it (RFC 8707 resource indicator). */
  readonly audience: string;
  /** Seconds an access token lives: short, so that the test sees the console renew it. */
  readonly accessTokenTtlSeconds: number;
  readonly user: { readonly login: string; readonly name: string; readonly roles: readonly string[] };
}

export type ProviderMessage = { readonly issuer: string } | { readonly ready: true };

let handle: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
const server = createServer((req, res) => {
  if (handle) handle(req, res);
  else res.writeHead(503).end('not configured yet');
});

function configuration(setup: ProviderSetup): Configuration {
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  return {
    clients: [
      {
        client_id: setup.clientId,
        // A public client: a browser app keeps no secret; PKCE protects its code.
        token_endpoint_auth_method: 'none',
        redirect_uris: [setup.redirectUri],
        post_logout_redirect_uris: [setup.redirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: 'test-signing-key', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: ['a-cookie-signing-key-for-the-browser-test'] },
    findAccount: (_context, id) =>
      id === setup.user.login
        ? { accountId: id, claims: () => ({ sub: id, name: setup.user.name }) }
        : undefined,
    claims: { openid: ['sub'], profile: ['name'] },
    // The ID token carries the name, as Keycloak's, Entra ID's and Auth0's do.
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => setup.audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_context, resource) => {
          if (resource !== setup.audience) throw new errors.InvalidTarget();
          return {
            scope: 'api',
            audience: setup.audience,
            accessTokenTTL: setup.accessTokenTtlSeconds,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    // The roles Baton reads (AUTH_ROLES_CLAIM=roles), as a provider's role mapper would add them.
    extraTokenClaims: (_context, token) =>
      'accountId' in token && token.accountId === setup.user.login
        ? { roles: [...setup.user.roles] }
        : undefined,
    // Refresh tokens for the public client on every code grant, as Keycloak issues them.
    issueRefreshToken: (_context, client) => client.grantTypeAllowed('refresh_token'),
    ttl: { AccessToken: setup.accessTokenTtlSeconds },
  };
}

server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.on('message', (setup: ProviderSetup) => {
    const provider = new Provider(issuer, configuration(setup));
    const callback = provider.callback();
    handle = (req, res) => void callback(req, res);
    process.send?.({ ready: true } satisfies ProviderMessage);
  });
  process.send?.({ issuer } satisfies ProviderMessage);
});
// The test is gone (or closed the channel): so is its provider.
process.on('disconnect', () => process.exit(0));
