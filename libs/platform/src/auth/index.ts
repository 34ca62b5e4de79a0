// Authentication and authorisation (DESIGN §6): JWT verification, roles, development and service
// tokens. Test tokens and the test authenticator are in @baton/testing.
export * from './auth-config';
export * from './authenticator';
export * from './dev-tokens';
export * from './roles';
export * from './service-token';
