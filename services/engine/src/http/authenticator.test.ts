// Token verification against a JWKS URL (a real local JWKS server with keys made by jose), the
// issuer/audience checks and the roles claim, through the REST API; and the start-up check of
// the auth configuration.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { engineConfigSchema } from '../config/engine-config';
import {
  authConfigSchema,
  authSettingsOf,
  bearerToken,
  createAuthenticator,
  OPERATOR_ROLE,
  readConfig,
} from '@baton/platform';
import { engineStandIn, startTestServer, type TestServer } from '../../test/support/test-support';

let jwksServer: Server;
let privateKey: KeyLike;
let strangerKey: KeyLike;
let api: TestServer;
let jwksRequests = 0;

const topology = {
  topology: () => ({
    clusterSize: 1,
    partitionsCount: 1,
    replicationFactor: 1,
    gatewayVersion: '0',
    brokers: [],
  }),
};

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  jwksServer = createServer((req, res) => {
    jwksRequests++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`;
  const config = readConfig(authConfigSchema, {
    AUTH_JWKS_URL: jwksUrl,
    AUTH_ROLES_CLAIM: 'groups',
    AUTH_ISSUER: 'https://idp.example',
    AUTH_AUDIENCE: 'baton',
  });
  api = await startTestServer(engineStandIn(topology), {
    authenticator: createAuthenticator(authSettingsOf(config)),
    token: 'unused',
  });
});
afterAll(async () => {
  await api.close();
  await new Promise((resolve) => jwksServer.close(resolve));
});

function sign(
  key: KeyLike,
  claims: { groups?: unknown; iss?: string; aud?: string; expiresIn?: string } = {},
): Promise<string> {
  return new SignJWT({ groups: claims.groups ?? [OPERATOR_ROLE] })
    .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
    .setSubject('alice')
    .setIssuer(claims.iss ?? 'https://idp.example')
    .setAudience(claims.aud ?? 'baton')
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn ?? '5m')
    .sign(key);
}

const topologyWith = async (token: string) =>
  (await api.call('GET', '/v2/topology', undefined, { token })).status;

it('accepts a token signed by a key of the JWKS, reading roles from the configured claim', async () => {
  expect(await topologyWith(await sign(privateKey))).toBe(200);
  expect(jwksRequests).toBeGreaterThan(0);
  // The roles claim may also be one space-separated string.
  const deploy = await api.call('POST', '/v2/deployments', undefined, {
    token: await sign(privateKey, { groups: 'reader baton-operator' }),
  });
  expect(deploy.status).not.toBe(403);
});

it('refuses a token signed by another key, from another issuer or for another audience', async () => {
  expect(await topologyWith(await sign(strangerKey))).toBe(401);
  expect(await topologyWith(await sign(privateKey, { iss: 'https://evil.example' }))).toBe(401);
  expect(await topologyWith(await sign(privateKey, { aud: 'someone-else' }))).toBe(401);
  const expired = await api.call('GET', '/v2/topology', undefined, {
    token: await sign(privateKey, { expiresIn: '-1m' }),
  });
  expect(expired.body.detail).toBe('Invalid bearer token: the token has expired.');
});

it('reads roles only from the configured claim', async () => {
  const answer = await api.call('POST', '/v2/deployments', undefined, {
    token: await sign(privateKey, { groups: ['reader'] }),
  });
  expect(answer.status).toBe(403);
});

it('takes only Bearer authorization headers', () => {
  expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
  expect(bearerToken('bearer abc')).toBe('abc');
  expect(bearerToken('Basic dXNlcjpwYXNz')).toBeUndefined();
  expect(bearerToken(undefined)).toBeUndefined();
});

describe('configuration', () => {
  it('refuses to start with authentication on but no key, naming the variables', () => {
    expect(() => readConfig(engineConfigSchema, {})).toThrow(
      /AUTH_JWT_SECRET: authentication is on \(AUTH_MODE=jwt, the default\) but no key is configured: set AUTH_JWT_SECRET \(HS256\), AUTH_JWKS_URL or AUTH_OIDC_ISSUER, or set AUTH_MODE=none/,
    );
  });

  it('starts open only with AUTH_MODE=none, and refuses short secrets and unknown modes', () => {
    expect(readConfig(engineConfigSchema, { AUTH_MODE: 'none' }).AUTH_MODE).toBe('none');
    expect(() => readConfig(engineConfigSchema, { AUTH_JWT_SECRET: 'short' })).toThrow(
      /at least 32 characters/,
    );
    expect(() => readConfig(engineConfigSchema, { AUTH_MODE: 'off' })).toThrow(/AUTH_MODE/);
    expect(authSettingsOf(readConfig(engineConfigSchema, { AUTH_JWT_SECRET: 'x'.repeat(32) }))).toEqual({
      mode: 'jwt',
      secret: 'x'.repeat(32),
      rolesClaim: 'roles',
    });
  });
});
