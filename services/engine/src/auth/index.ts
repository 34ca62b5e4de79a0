// Authentication and authorisation (DESIGN §6): JWT verification, roles, tokens for development and tests.
export * from './auth-config';
export * from './authenticator';
export * from './dev-tokens';
export * from './roles';
export * from './test-auth';
export * from './service-token';
