// Authentication of `npm start` (DESIGN §6): on like everywhere else, but a developer needs no
// identity provider — without AUTH_JWT_SECRET, AUTH_JWKS_URL or AUTH_OIDC_ISSUER a random secret is
// made for this run, and tokens signed with it are printed (operator, worker, starter).
import { developmentTokens, randomDevelopmentSecret, type DevelopmentTokens } from '@baton/platform';
import type { StandaloneConfig } from './config';

export interface DevelopmentAuth {
  /** The configuration with the secret filled in when it was missing. */
  readonly config: StandaloneConfig;
  /** Tokens to print; undefined with AUTH_MODE=none or an identity provider (nothing to sign with). */
  readonly tokens: DevelopmentTokens | undefined;
  /** Whether the secret was generated for this run (its tokens die with the process). */
  readonly generatedSecret: boolean;
}

export async function developmentAuth(config: StandaloneConfig): Promise<DevelopmentAuth> {
  const identityProvider = config.AUTH_JWKS_URL !== undefined || config.AUTH_OIDC_ISSUER !== undefined;
  if (config.AUTH_MODE === 'none' || identityProvider) {
    return { config, tokens: undefined, generatedSecret: false };
  }
  const generatedSecret = config.AUTH_JWT_SECRET === undefined;
  const secret = config.AUTH_JWT_SECRET ?? randomDevelopmentSecret();
  const tokens = await developmentTokens(secret, { rolesClaim: config.AUTH_ROLES_CLAIM });
  return { config: { ...config, AUTH_JWT_SECRET: secret }, tokens, generatedSecret };
}
