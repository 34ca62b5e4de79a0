// `npm start` runs with authentication on and needs no identity provider: it makes a secret for
// the run and prints tokens that the engine accepts, each with its role.
import {
  authSettingsOf,
  createAuthenticator,
  DEVELOPMENT_STARTER_ROLE,
  OPERATOR_ROLE,
  WORKER_ROLE,
} from '@baton/platform';
import { readStandaloneConfig } from './config';
import { developmentAuth } from './development-auth';

it('makes a random secret when none is configured, and tokens the engine accepts', async () => {
  const auth = await developmentAuth(readStandaloneConfig({}));
  expect(auth.generatedSecret).toBe(true);
  expect(auth.config.AUTH_JWT_SECRET).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const authenticator = createAuthenticator(authSettingsOf(auth.config));
  expect((await authenticator.authenticate(auth.tokens!.operator)).roles).toEqual([OPERATOR_ROLE]);
  expect((await authenticator.authenticate(auth.tokens!.worker)).roles).toEqual([WORKER_ROLE]);
  expect((await authenticator.authenticate(auth.tokens!.starter)).roles).toEqual([DEVELOPMENT_STARTER_ROLE]);
  // Another run, another secret: old tokens stop working.
  const next = await developmentAuth(readStandaloneConfig({}));
  await expect(authenticator.authenticate(next.tokens!.operator)).rejects.toThrow(/signature/);
});

it('signs with a configured secret, and prints nothing to sign with a JWKS, an OpenID issuer or with AUTH_MODE=none', async () => {
  const secret = 'a-configured-secret-of-thirty-two-chars';
  const configured = await developmentAuth(readStandaloneConfig({ AUTH_JWT_SECRET: secret }));
  expect(configured).toMatchObject({ generatedSecret: false, config: { AUTH_JWT_SECRET: secret } });
  expect(configured.tokens).toBeDefined();
  const jwks = await developmentAuth(readStandaloneConfig({ AUTH_JWKS_URL: 'https://idp.example/jwks' }));
  expect(jwks.tokens).toBeUndefined();
  const oidc = await developmentAuth(readStandaloneConfig({ AUTH_OIDC_ISSUER: 'https://idp.example' }));
  expect(oidc).toMatchObject({ tokens: undefined, generatedSecret: false });
  expect(oidc.config.AUTH_JWT_SECRET).toBeUndefined();
  const open = await developmentAuth(readStandaloneConfig({ AUTH_MODE: 'none' }));
  expect(open).toMatchObject({ tokens: undefined, config: { AUTH_MODE: 'none' } });
});
