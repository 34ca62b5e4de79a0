// A fixed HS256 secret and tokens for tests and benchmarks: test servers run with authentication
// ON and their helpers send a real operator token, so every test exercises the auth path.
import { createAuthenticator, OPERATOR_ROLE, signToken, type Authenticator } from '@baton/platform';

/** The secret of test servers (never used outside tests). */
export const testAuthSecret = 'baton-test-secret-not-for-production-use-0123456789';

/** The environment a test process (replica, standalone) needs to verify test tokens. */
export const testAuthEnvironment = { AUTH_MODE: 'jwt', AUTH_JWT_SECRET: testAuthSecret } as const;

export function testAuthenticator(): Authenticator {
  return createAuthenticator({ mode: 'jwt', secret: testAuthSecret });
}

/** A token signed with {@link testAuthSecret}; by default an operator's, valid for an hour. */
export function testToken(
  roles: readonly string[] = [OPERATOR_ROLE],
  options: { readonly subject?: string; readonly expiresInSeconds?: number } = {},
): Promise<string> {
  return signToken(testAuthSecret, {
    subject: options.subject ?? `test-${roles.join('+') || 'no-roles'}`,
    roles,
    expiresInSeconds: options.expiresInSeconds ?? 3600,
  });
}
