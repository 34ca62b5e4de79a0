// Kafka TLS and SASL settings from the environment, shared by the engine, the integration adapter,
// the socket gateway and the standalone. Certificate files are read while the configuration is
// validated, so that a wrong path or a file that is not PEM fails the start naming the variable.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { kafkaSaslMechanisms, type KafkaSecurity } from '@baton/messaging';
import { booleanFromEnv, type ConfigIssue } from './env-values';

interface PemFile {
  readonly path: string;
  readonly pem: string;
}

const pemFile = (what: string) =>
  z
    .string()
    .min(1)
    .transform((path, context): PemFile => {
      let pem: string;
      try {
        pem = readFileSync(path, 'utf8');
      } catch (error) {
        context.addIssue({
          code: 'custom',
          message: `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`,
        });
        return z.NEVER;
      }
      if (!pem.includes('-----BEGIN ')) {
        context.addIssue({ code: 'custom', message: `${path} is not a PEM ${what} (no -----BEGIN line)` });
        return z.NEVER;
      }
      return { path, pem };
    });

export const kafkaSecurityConfigShape = {
  /** Connect to the brokers over TLS, verifying their certificates. @default false */
  KAFKA_TLS: booleanFromEnv.default(false),
  /** PEM file of the CA that signed the brokers' certificates (e.g. Strimzi's cluster CA). Unset: Node's public CAs. */
  KAFKA_TLS_CA_FILE: pemFile('certificate').optional(),
  /** PEM client certificate for mutual TLS (e.g. a Strimzi KafkaUser's `user.crt`), with KAFKA_TLS_KEY_FILE. */
  KAFKA_TLS_CERT_FILE: pemFile('certificate').optional(),
  /** PEM private key of KAFKA_TLS_CERT_FILE (e.g. a Strimzi KafkaUser's `user.key`). */
  KAFKA_TLS_KEY_FILE: pemFile('private key').optional(),
  /** SASL mechanism: `plain`, `scram-sha-256` or `scram-sha-512`. Unset: no SASL. */
  KAFKA_SASL_MECHANISM: z.enum(kafkaSaslMechanisms).optional(),
  /** SASL user name, with KAFKA_SASL_MECHANISM. */
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  /** SASL password, with KAFKA_SASL_MECHANISM (from a Secret, never a ConfigMap). */
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
};

export const kafkaSecurityConfigSchema = z.object(kafkaSecurityConfigShape);
export type KafkaSecurityConfig = z.infer<typeof kafkaSecurityConfigSchema>;

/** Every inconsistency between the settings, each naming the variable to fix. */
export function kafkaSecurityConfigIssues(config: KafkaSecurityConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (!config.KAFKA_TLS) {
    for (const name of ['KAFKA_TLS_CA_FILE', 'KAFKA_TLS_CERT_FILE', 'KAFKA_TLS_KEY_FILE'] as const) {
      if (config[name])
        issues.push({ path: name, message: 'only used over TLS: set KAFKA_TLS=true as well' });
    }
  }
  if ((config.KAFKA_TLS_CERT_FILE === undefined) !== (config.KAFKA_TLS_KEY_FILE === undefined)) {
    issues.push({
      path: config.KAFKA_TLS_CERT_FILE ? 'KAFKA_TLS_KEY_FILE' : 'KAFKA_TLS_CERT_FILE',
      message: 'mutual TLS needs both KAFKA_TLS_CERT_FILE and KAFKA_TLS_KEY_FILE',
    });
  }
  if (config.KAFKA_SASL_MECHANISM) {
    for (const name of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const) {
      if (config[name] === undefined)
        issues.push({
          path: name,
          message: `required with KAFKA_SASL_MECHANISM=${config.KAFKA_SASL_MECHANISM}`,
        });
    }
  } else {
    for (const name of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const) {
      if (config[name] !== undefined)
        issues.push({
          path: name,
          message: 'set KAFKA_SASL_MECHANISM (plain, scram-sha-256 or scram-sha-512) as well',
        });
    }
  }
  return issues;
}

/** The client settings of a validated configuration; undefined for plain TCP without authentication. */
export function kafkaSecurityOf(config: KafkaSecurityConfig): KafkaSecurity | undefined {
  const tls = config.KAFKA_TLS
    ? {
        ...(config.KAFKA_TLS_CA_FILE ? { ca: config.KAFKA_TLS_CA_FILE.pem } : {}),
        ...(config.KAFKA_TLS_CERT_FILE ? { cert: config.KAFKA_TLS_CERT_FILE.pem } : {}),
        ...(config.KAFKA_TLS_KEY_FILE ? { key: config.KAFKA_TLS_KEY_FILE.pem } : {}),
      }
    : undefined;
  const sasl =
    config.KAFKA_SASL_MECHANISM && config.KAFKA_SASL_USERNAME && config.KAFKA_SASL_PASSWORD
      ? {
          mechanism: config.KAFKA_SASL_MECHANISM,
          username: config.KAFKA_SASL_USERNAME,
          password: config.KAFKA_SASL_PASSWORD,
        }
      : undefined;
  if (!tls && !sasl) return undefined;
  return { ...(tls ? { tls } : {}), ...(sasl ? { sasl } : {}) };
}
