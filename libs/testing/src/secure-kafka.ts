// The environment that points a Baton service at one of the test broker's secure listeners
// (infra/lib/kafka-secure.sh; infra/with-infra.sh exports where they are), as an operator would
// point it at a Strimzi or managed cluster: so that process-level tests cover TLS and SASL too.
import path from 'node:path';

export type SecureKafkaListener = 'scram-sha-512' | 'scram-sha-256' | 'plain' | 'mutual-tls';

const repoRoot = path.resolve(import.meta.dirname, '../../..');

function env(name: string, fallback: string): string {
  return process.env[name] ?? fallback;
}

/** KAFKA_BROKERS and the KAFKA_TLS / KAFKA_SASL variables for `listener`, with the test CA. */
export function secureKafkaEnvironment(listener: SecureKafkaListener): Record<string, string> {
  const tlsDir = env('TEST_KAFKA_TLS_DIR', path.join(repoRoot, '.infra/kafka/tls'));
  const tls = { KAFKA_TLS: 'true', KAFKA_TLS_CA_FILE: path.join(tlsDir, 'ca.crt') };
  if (listener === 'mutual-tls') {
    return {
      KAFKA_BROKERS: env('TEST_KAFKA_SSL_BROKERS', '127.0.0.1:9095'),
      ...tls,
      KAFKA_TLS_CERT_FILE: path.join(tlsDir, 'client.crt'),
      KAFKA_TLS_KEY_FILE: path.join(tlsDir, 'client.key'),
    };
  }
  return {
    KAFKA_BROKERS: env('TEST_KAFKA_SASL_SSL_BROKERS', '127.0.0.1:9094'),
    ...tls,
    KAFKA_SASL_MECHANISM: listener,
    KAFKA_SASL_USERNAME: env('TEST_KAFKA_SASL_USERNAME', 'batontest'),
    KAFKA_SASL_PASSWORD: env('TEST_KAFKA_SASL_PASSWORD', 'baton-test-secret'),
  };
}
