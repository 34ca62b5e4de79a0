// Socket gateway configuration from the environment, validated with zod at start-up (the engine's
// style): a typo fails at once naming the variable. On its own the gateway needs Kafka, where the
// engine publishes instance events; inside `npm start` it shares the standalone's bus instead.
import { z } from 'zod';
import {
  addConfigIssues,
  authConfigIssue,
  authConfigShape,
  kafkaClientConfigShape,
  kafkaSecurityConfigIssues,
} from '@baton/platform';
import { consoleSignInIssue, consoleSignInShape } from './console-sign-in';

const port = z.coerce.number().int().min(0).max(65535);

/** Tuning shared by the separate gateway and the one embedded in `npm start`. */
export const socketTuningShape = {
  /**
   * Updates queued for one client before it counts as too slow: its queue is dropped and it gets a
   * resync (fresh snapshots) once its connection drains. @default 256
   */
  SOCKET_MAX_QUEUED_UPDATES: z.coerce.number().int().min(1).max(100_000).default(256),
  /** Most snapshots in a subscribe answer by process id, or in one resync. @default 100 */
  SOCKET_SNAPSHOT_LIMIT: z.coerce.number().int().min(1).max(10_000).default(100),
  /**
   * Updates (across all instances) kept for clients that resume after a dropped connection
   * (subscribe's `resumeFrom`); 0 keeps none: every resume gets a snapshot. @default 10000
   */
  SOCKET_RESUME_MAX_UPDATES: z.coerce.number().int().min(0).max(10_000_000).default(10_000),
  /** How long an update is kept for resuming clients, in milliseconds. @default 300000 (five minutes) */
  SOCKET_RESUME_WINDOW_MS: z.coerce.number().int().min(0).max(86_400_000).default(300_000),
};

export const gatewayConfigSchema = z
  .object({
    /** HTTP port of the console and the socket. @default 8081 */
    PORT: port.default(8081),
    /** Interface to listen on. @default "0.0.0.0" */
    HOST: z.string().min(1).default('0.0.0.0'),
    /** The engine's REST API: `/v2/*` is proxied there and subscribe snapshots are read from it. @default "http://127.0.0.1:8080" */
    ENGINE_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:8080'),
    /** KAFKA_BROKERS (the engine publishes instance events there), KAFKA_TLS…, KAFKA_SASL_…, TOPIC_PREFIX. */
    ...kafkaClientConfigShape(
      'the gateway reads instance events from Kafka (`npm start` runs it embedded instead)',
    ),
    /** This replica's id; its consumer group is `baton-socket-gateway-<id>`. @default "gateway-" + a random UUID */
    REPLICA_ID: z
      .string()
      .regex(/^[a-zA-Z0-9._-]+$/, 'letters, digits, ".", "_" and "-"')
      .optional(),
    ...socketTuningShape,
    /** The engine's AUTH_* settings (DESIGN §6): socket handshakes are checked like REST calls. */
    ...authConfigShape,
    /** AUTH_OIDC_CLIENT_ID, AUTH_OIDC_SCOPES, AUTH_OIDC_AUDIENCE: the console's sign-in at AUTH_OIDC_ISSUER. */
    ...consoleSignInShape,
    /**
     * The bearer token (with baton-operator) the gateway sends to the engine for snapshots. Unset:
     * with AUTH_JWT_SECRET the gateway signs its own; with AUTH_JWKS_URL it must be set.
     */
    ENGINE_TOKEN: z.string().min(1).optional(),
  })
  .superRefine((config, context) => {
    const authIssue = authConfigIssue(config);
    addConfigIssues(context, [...kafkaSecurityConfigIssues(config), authIssue, consoleSignInIssue(config)]);
    if (authIssue) return;
    if (config.AUTH_MODE === 'jwt' && config.AUTH_JWT_SECRET === undefined && !config.ENGINE_TOKEN) {
      context.addIssue({
        code: 'custom',
        path: ['ENGINE_TOKEN'],
        message: `with ${config.AUTH_JWKS_URL !== undefined ? 'AUTH_JWKS_URL' : 'AUTH_OIDC_ISSUER'} the gateway cannot sign its own token: set ENGINE_TOKEN to a token with the baton-operator role`,
      });
    }
  });
export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

/** The gateway inside `npm start`: its own port next to the REST API's `PORT`. */
export const embeddedGatewayConfigSchema = z.object({
  /** HTTP port of the console and the socket in the standalone. @default 8081 */
  GATEWAY_PORT: port.default(8081),
  ...socketTuningShape,
  /** The console's sign-in at the standalone's AUTH_OIDC_ISSUER (checked with consoleSignInOf). */
  ...consoleSignInShape,
});
export type EmbeddedGatewayConfig = z.infer<typeof embeddedGatewayConfigSchema>;
