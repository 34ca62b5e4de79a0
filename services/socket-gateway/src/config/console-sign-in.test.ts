// The console's OpenID sign-in settings: read and checked with the gateway's configuration, and
// told to the console at /console-config.json.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readConfig } from '@baton/platform';
import { createGatewayHttpHandler } from '../http/gateway-http-handler';
import { consoleSignInOf, type ConsoleSignIn } from './console-sign-in';
import { embeddedGatewayConfigSchema, gatewayConfigSchema } from './gateway-config';

const gateway = {
  KAFKA_BROKERS: 'kafka-0:9092',
  ENGINE_TOKEN: 'an-operator-token',
  AUTH_OIDC_ISSUER: 'https://idp.example/realms/baton',
};

it('reads the console sign-in beside the issuer whose tokens the gateway verifies', () => {
  const config = readConfig(gatewayConfigSchema, {
    ...gateway,
    AUTH_OIDC_CLIENT_ID: 'baton-console',
    AUTH_OIDC_AUDIENCE: 'baton-api',
  });
  expect(consoleSignInOf(config)).toEqual({
    issuer: 'https://idp.example/realms/baton',
    clientId: 'baton-console',
    scopes: 'openid profile offline_access',
    audience: 'baton-api',
  });
  const scoped = readConfig(gatewayConfigSchema, {
    ...gateway,
    AUTH_OIDC_CLIENT_ID: 'baton-console',
    AUTH_OIDC_SCOPES: ' openid   email ',
  });
  expect(consoleSignInOf(scoped)?.scopes).toBe('openid email');
  // No provider: no OIDC sign-in (the console falls back to a pasted token).
  const secret = { KAFKA_BROKERS: 'kafka-0:9092', AUTH_JWT_SECRET: 'x'.repeat(32) };
  expect(consoleSignInOf(readConfig(gatewayConfigSchema, secret))).toBeUndefined();
});

it('refuses a sign-in that cannot work, naming the variable', () => {
  expect(() => readConfig(gatewayConfigSchema, gateway)).toThrow(
    /AUTH_OIDC_CLIENT_ID: the console signs users in at AUTH_OIDC_ISSUER: set the client id/,
  );
  expect(() =>
    readConfig(gatewayConfigSchema, {
      ...gateway,
      AUTH_OIDC_ISSUER: 'http://idp.example',
      AUTH_OIDC_CLIENT_ID: 'c',
    }),
  ).toThrow(/AUTH_OIDC_ISSUER: browsers sign in at an https issuer/);
  expect(() =>
    readConfig(gatewayConfigSchema, { ...gateway, AUTH_OIDC_CLIENT_ID: 'c', AUTH_OIDC_SCOPES: 'profile' }),
  ).toThrow(/AUTH_OIDC_SCOPES: must include "openid"/);
  expect(() =>
    readConfig(gatewayConfigSchema, {
      KAFKA_BROKERS: 'kafka-0:9092',
      AUTH_JWT_SECRET: 'x'.repeat(32),
      AUTH_OIDC_CLIENT_ID: 'c',
    }),
  ).toThrow(/AUTH_OIDC_ISSUER: AUTH_OIDC_CLIENT_ID is set: set the issuer it belongs to as well/);
  // Inside `npm start` the issuer is the standalone's: checked when the two are put together.
  const embedded = readConfig(embeddedGatewayConfigSchema, {});
  expect(() =>
    consoleSignInOf({ ...embedded, AUTH_MODE: 'jwt', AUTH_OIDC_ISSUER: 'https://idp.example' }),
  ).toThrow('Invalid configuration: AUTH_OIDC_CLIENT_ID: the console signs users in at AUTH_OIDC_ISSUER');
  // An http issuer on a loopback address is for development.
  expect(
    consoleSignInOf({ AUTH_MODE: 'jwt', AUTH_OIDC_ISSUER: 'http://127.0.0.1:4000', AUTH_OIDC_CLIENT_ID: 'c' })
      ?.issuer,
  ).toBe('http://127.0.0.1:4000');
});

it('tells the console where to sign in at /console-config.json, and nothing when the server is open', async () => {
  const signIn: ConsoleSignIn = {
    issuer: 'https://idp.example',
    clientId: 'baton-console',
    scopes: 'openid profile',
  };
  const configOf = async (authMode: 'jwt' | 'none') => {
    const server = createServer(
      createGatewayHttpHandler({
        engineProxy: (_req, res) => res.writeHead(502).end(),
        console: new Map(),
        authMode,
        consoleSignIn: signIn,
        health: () => ({ status: 'UP' }),
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const response = await fetch(
        `http://127.0.0.1:${(server.address() as AddressInfo).port}/console-config.json`,
      );
      return response.json();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  };
  expect(await configOf('jwt')).toEqual({ authMode: 'jwt', oidc: signIn });
  expect(await configOf('none')).toEqual({ authMode: 'none' });
});
