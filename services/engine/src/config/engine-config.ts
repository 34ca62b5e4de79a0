// Engine configuration from the environment, validated with zod at start-up: a typo fails at once
// with a message naming the variable. Kafka and MongoDB are used when both are set; with neither,
// the engine runs on the embedded in-memory bus and store.
import { z } from 'zod';
import {
  addConfigIssues,
  authConfigIssue,
  authConfigShape,
  booleanFromEnv,
  brokerList,
  kafkaSecurityConfigIssues,
  kafkaSecurityConfigShape,
  type ConfigIssue,
  type KafkaSecurityConfig,
} from '@baton/platform';
import { defaultMaxInstanceVariablesBytes } from '../runtime/variables-document-limit';
import { feelConfigShape } from './feel-config';

export const engineConfigShape = {
  /** HTTP port of the REST API. @default 8080 */
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Interface the REST API listens on. @default "0.0.0.0" */
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Kafka bootstrap brokers, comma-separated (`host:port,…`). Unset: the embedded bus. */
  KAFKA_BROKERS: brokerList.optional(),
  /** KAFKA_TLS, KAFKA_TLS_CA_FILE, KAFKA_TLS_CERT_FILE, KAFKA_TLS_KEY_FILE, KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD. */
  ...kafkaSecurityConfigShape,
  /** MongoDB connection string. Unset: the embedded store. */
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'expected a mongodb:// or mongodb+srv:// URI')
    .optional(),
  /** Database holding Baton's collections. @default "baton" */
  MONGODB_DATABASE: z
    .string()
    .regex(/^[^/\\. "$]+$/, 'a MongoDB database name')
    .default('baton'),
  /** Partitions of the embedded command bus (ignored on Kafka, where the catalogue decides). @default 4 */
  PARTITIONS: z.coerce.number().int().min(1).max(256).default(4),
  /** Prefix for every topic name, e.g. `dev.`. @default "" */
  TOPIC_PREFIX: z.string().default(''),
  /** This replica's id (reply routing, key generation). @default "engine-" + a random UUID */
  REPLICA_ID: z
    .string()
    .regex(/^[a-zA-Z0-9._-]+$/, 'letters, digits, ".", "_" and "-"')
    .optional(),
  /** Job types handed to Kafka workers on `baton.jobs.<type>.v1`, comma-separated, or `*` for all. @default none */
  KAFKA_JOB_TYPES: z
    .string()
    .default('')
    .transform((value): readonly string[] | '*' =>
      value.trim() === '*'
        ? '*'
        : value
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean),
    ),
  /** How long a job published to Kafka workers is theirs before it is published again, ms. @default 300000 */
  KAFKA_JOB_TIMEOUT_MS: z.coerce.number().int().min(1000).default(300_000),
  /**
   * Kafka consumer session timeout, ms: how long a replica that died without leaving its group
   * keeps its partitions before the others take them over. @default 10000
   */
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6000).max(300_000).default(10_000),
  /** How long REST calls that wait for the engine (awaited creation, job completion) wait, ms. @default 10000 */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /**
   * When a create that waits for nothing is answered: `appended`, once its command is in the log
   * (reads after it still see it); `stored`, once the owner stored the instance. @default appended
   */
  ENGINE_CREATE_ANSWER: z.enum(['appended', 'stored']).default('appended'),
  /**
   * Largest variables document of one instance (every scope, UTF-8 JSON), bytes; at most 3 MiB, as
   * a root variable is stored up to four times in a 16 MiB MongoDB document. @default 2097152
   */
  MAX_INSTANCE_VARIABLES_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(3 * 1024 * 1024)
    .default(defaultMaxInstanceVariablesBytes),
  /**
   * Whether PUT /v2/clock may pin the engine clock (timers fire by it) and POST /v2/clock/reset
   * let it tick again: a testing feature, as Camunda's `zeebe.clock.controlled`. @default false
   */
  ENGINE_CLOCK_CONTROL: booleanFromEnv.default(false),
  /** FEEL_MAX_STEPS, FEEL_BUDGET_MS, FEEL_PARSE_BUDGET_MS, FEEL_MAX_LIST_SIZE, FEEL_MAX_EXPRESSION_LENGTH, FEEL_MAX_NESTING_DEPTH. */
  ...feelConfigShape,
  /** AUTH_MODE, AUTH_JWT_SECRET, AUTH_JWKS_URL, AUTH_ROLES_CLAIM, AUTH_ISSUER, AUTH_AUDIENCE (DESIGN §6). */
  ...authConfigShape,
};

export const engineConfigSchema = z.object(engineConfigShape).superRefine((config, context) => {
  addConfigIssues(context, [authConfigIssue(config), ...infrastructureConfigIssues(config)]);
});
export type EngineConfig = z.infer<typeof engineConfigSchema>;

/**
 * What is wrong in the choice of infrastructure, each naming the variable to fix: Kafka and MongoDB
 * go together, and Kafka's TLS and SASL settings must be complete and used.
 */
export function infrastructureConfigIssues(
  config: KafkaSecurityConfig & { readonly KAFKA_BROKERS?: readonly string[]; readonly MONGODB_URI?: string },
): ConfigIssue[] {
  const issues = kafkaSecurityConfigIssues(config);
  if ((config.KAFKA_BROKERS === undefined) !== (config.MONGODB_URI === undefined)) {
    issues.push({
      path: config.KAFKA_BROKERS === undefined ? 'KAFKA_BROKERS' : 'MONGODB_URI',
      message:
        'set KAFKA_BROKERS and MONGODB_URI together (both for Kafka + MongoDB, neither for the embedded defaults)',
    });
  }
  if (config.KAFKA_BROKERS === undefined) {
    for (const name of ['KAFKA_TLS', 'KAFKA_SASL_MECHANISM'] as const) {
      if (config[name])
        issues.push({ path: name, message: 'only used on Kafka: set KAFKA_BROKERS (and MONGODB_URI)' });
    }
  }
  return issues;
}
