// How Baton's Kafka clients prove who they are and check whom they talk to: TLS (with the
// cluster's CA, and a client certificate for mutual TLS as Strimzi's `tls` authentication uses)
// and SASL (PLAIN or SCRAM, as Strimzi's `scram-sha-512` or a managed Kafka's API keys use).
// Every client Baton opens (bus, readiness probe, lag reader) takes the same settings.
import type { KafkaConfig, SASLOptions } from 'kafkajs';

export type KafkaSaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

export const kafkaSaslMechanisms: readonly KafkaSaslMechanism[] = ['plain', 'scram-sha-256', 'scram-sha-512'];

/** TLS to the brokers. Without `ca`, the broker's certificate is checked against Node's public CAs. */
export interface KafkaTls {
  /** PEM text of the CA certificate(s) that signed the brokers' certificates. */
  readonly ca?: string;
  /** PEM text of the client certificate (mutual TLS); with `key`. */
  readonly cert?: string;
  /** PEM text of the client certificate's private key (mutual TLS); with `cert`. */
  readonly key?: string;
}

export interface KafkaSasl {
  readonly mechanism: KafkaSaslMechanism;
  readonly username: string;
  readonly password: string;
}

/** Unset: plain TCP without authentication, as on the local test broker's default listener. */
export interface KafkaSecurity {
  readonly tls?: KafkaTls;
  readonly sasl?: KafkaSasl;
}

/** The kafkajs client settings for `security`; the broker's certificate is always verified. */
export function kafkajsSecurity(security: KafkaSecurity | undefined): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  if (!security) return {};
  const { tls, sasl } = security;
  return {
    ...(tls
      ? {
          ssl: {
            rejectUnauthorized: true,
            ...(tls.ca !== undefined ? { ca: [tls.ca] } : {}),
            ...(tls.cert !== undefined ? { cert: tls.cert } : {}),
            ...(tls.key !== undefined ? { key: tls.key } : {}),
          },
        }
      : {}),
    ...(sasl ? { sasl: saslOptions(sasl) } : {}),
  };
}

/** Words for logs and start-up messages; never the secret. */
export function describeKafkaSecurity(security: KafkaSecurity | undefined): string {
  const parts = [security?.tls ? (security.tls.cert ? 'mutual TLS' : 'TLS') : 'no TLS'];
  if (security?.sasl)
    parts.push(`SASL ${security.sasl.mechanism.toUpperCase()} as ${security.sasl.username}`);
  return parts.join(', ');
}

function saslOptions({ mechanism, username, password }: KafkaSasl): SASLOptions {
  // kafkajs types each mechanism as its own literal; the switch keeps that precise.
  switch (mechanism) {
    case 'plain':
      return { mechanism, username, password };
    case 'scram-sha-256':
      return { mechanism, username, password };
    case 'scram-sha-512':
      return { mechanism, username, password };
  }
}
