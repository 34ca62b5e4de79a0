// Tokens of an OpenID provider verified from its issuer URL alone: a real local provider stand-in
// serving the discovery document and the JWKS it names, with keys made by jose.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { authConfigIssue, authConfigSchema, authSettingsOf } from './auth-config';
import { createAuthenticator } from './authenticator';
import { discoveryUrlOf } from './issuer-key-set';

let server: Server;
let issuer: string;
let privateKey: KeyLike;
/** What the discovery document says next; changed by the tests. */
let discovery: { status: number; issuer?: string } = { status: 200 };
const requests: string[] = [];

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'provider-key', alg: 'RS256', use: 'sig' };
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/realm/.well-known/openid-configuration') {
      res.writeHead(discovery.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ issuer: discovery.issuer ?? issuer, jwks_uri: `${issuer}/keys` }));
    } else if (req.url === '/realm/keys') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realm`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  discovery = { status: 200 };
  requests.length = 0;
});

function sign(claims: { iss?: string; roles?: string[] } = {}): Promise<string> {
  return new SignJWT({ roles: claims.roles ?? ['baton-operator'] })
    .setProtectedHeader({ alg: 'RS256', kid: 'provider-key' })
    .setSubject('ada')
    .setIssuer(claims.iss ?? issuer)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey);
}

it('finds the keys through the issuer discovery document and accepts the provider tokens', async () => {
  const authenticator = createAuthenticator({ mode: 'jwt', oidcIssuer: issuer });
  expect(await authenticator.authenticate(await sign())).toEqual({
    subject: 'ada',
    roles: ['baton-operator'],
  });
  expect(requests).toEqual(['/realm/.well-known/openid-configuration', '/realm/keys']);
  // Discovered once: the next token is checked against the keys already read.
  await authenticator.authenticate(await sign({ roles: [] }));
  expect(requests).toHaveLength(2);
});

it('refuses a token whose issuer is not the provider, unless AUTH_ISSUER names it', async () => {
  const authenticator = createAuthenticator({ mode: 'jwt', oidcIssuer: issuer });
  await expect(authenticator.authenticate(await sign({ iss: 'https://other.example' }))).rejects.toThrow(
    /Invalid bearer token: claim check failed \(unexpected "iss" claim value\)/,
  );
  const renamed = createAuthenticator({ mode: 'jwt', oidcIssuer: issuer, issuer: 'https://other.example' });
  expect((await renamed.authenticate(await sign({ iss: 'https://other.example' }))).subject).toBe('ada');
});

it('refuses tokens while discovery fails or names another issuer, and discovers again afterwards', async () => {
  const authenticator = createAuthenticator({ mode: 'jwt', oidcIssuer: issuer });
  discovery = { status: 503 };
  await expect(authenticator.authenticate(await sign())).rejects.toThrow(
    `Invalid bearer token: the OpenID provider answered 503 for ${issuer}/.well-known/openid-configuration`,
  );
  discovery = { status: 200, issuer: 'https://impostor.example' };
  await expect(authenticator.authenticate(await sign())).rejects.toThrow(
    /names the issuer "https:\/\/impostor.example", not http:\/\/127.0.0.1:\d+\/realm/,
  );
  discovery = { status: 200 };
  expect((await authenticator.authenticate(await sign())).subject).toBe('ada');
});

it('builds the discovery address without doubling a trailing slash', () => {
  expect(discoveryUrlOf('https://idp.example/realms/baton/').href).toBe(
    'https://idp.example/realms/baton/.well-known/openid-configuration',
  );
});

describe('configuration', () => {
  const read = (env: Record<string, string>) => authConfigSchema.parse(env);

  it('takes AUTH_OIDC_ISSUER as the identity provider, alone or beside AUTH_JWKS_URL', () => {
    const config = read({ AUTH_OIDC_ISSUER: 'https://idp.example/realms/baton' });
    expect(authConfigIssue(config)).toBeUndefined();
    expect(authSettingsOf(config)).toEqual({
      mode: 'jwt',
      oidcIssuer: 'https://idp.example/realms/baton',
      rolesClaim: 'roles',
    });
    const both = read({ AUTH_OIDC_ISSUER: 'https://idp.example', AUTH_JWKS_URL: 'https://idp.example/keys' });
    expect(authConfigIssue(both)).toBeUndefined();
  });

  it('refuses a secret beside an identity provider, and an issuer that is not an http(s) URL', () => {
    const config = read({ AUTH_OIDC_ISSUER: 'https://idp.example', AUTH_JWT_SECRET: 'x'.repeat(32) });
    expect(authConfigIssue(config)).toEqual({
      path: 'AUTH_OIDC_ISSUER',
      message: 'set AUTH_JWT_SECRET or an identity provider (AUTH_JWKS_URL, AUTH_OIDC_ISSUER), not both',
    });
    expect(() => read({ AUTH_OIDC_ISSUER: 'idp.example' })).toThrow(/expected an http\(s\) URL/);
  });
});
