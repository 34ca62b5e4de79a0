// The separate gateway's side of authentication: the authenticator of socket handshakes, and the
// token it sends to the engine itself (ENGINE_TOKEN, or an operator token signed with the shared secret).
import {
  authSettingsOf,
  createAuthenticator,
  fixedServiceToken,
  signedServiceToken,
  type Authenticator,
  type ServiceTokenSource,
} from '@baton/platform';
import type { GatewayConfig } from './gateway-config';

export interface GatewayAuth {
  readonly authenticator: Authenticator;
  readonly engineToken: ServiceTokenSource;
}

export function gatewayAuthOf(config: GatewayConfig, replicaId: string): GatewayAuth {
  const authenticator = createAuthenticator(authSettingsOf(config));
  const engineToken =
    config.ENGINE_TOKEN !== undefined || config.AUTH_JWT_SECRET === undefined
      ? fixedServiceToken(config.ENGINE_TOKEN)
      : signedServiceToken(config.AUTH_JWT_SECRET, replicaId, config.AUTH_ROLES_CLAIM);
  return { authenticator, engineToken };
}
