// Baton's Kafka clients on the test broker's secure listeners (infra/lib/kafka-secure.sh): SASL
// over TLS with each mechanism, mutual TLS, and the refusals a misconfigured replica would meet —
// wrong password, a broker certificate from an unknown CA, no client certificate.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ConsumedMessage } from '../message-bus';
import { connectKafkaBus } from './connect-with-retry';
import { KafkaBus } from './kafka-bus';
import type { KafkaBusOptions } from './kafka-bus-options';
import { KafkaConsumerLag } from './kafka-consumer-lag';
import { KafkaAuthenticationError } from './kafka-errors';
import { KafkaReachability } from './kafka-reachability';
import type { KafkaSaslMechanism, KafkaSecurity } from './kafka-security';
import { kafkaTestScope, uniqueName, waitFor } from './kafka-test-support';

const repoRoot = path.resolve(import.meta.dirname, '../../../..');
const env = (name: string, fallback: string) => process.env[name] ?? fallback;
const plainBrokers = env('KAFKA_BROKERS', '127.0.0.1:9092').split(',');
const scope = kafkaTestScope({ brokers: plainBrokers, clientId: 'kafka-security-admin', prefixName: 'kst' });
const saslSslBrokers = [env('TEST_KAFKA_SASL_SSL_BROKERS', '127.0.0.1:9094')];
const sslBrokers = [env('TEST_KAFKA_SSL_BROKERS', '127.0.0.1:9095')];
const tlsDir = env('TEST_KAFKA_TLS_DIR', path.join(repoRoot, '.infra/kafka/tls'));
const username = env('TEST_KAFKA_SASL_USERNAME', 'batontest');
const password = env('TEST_KAFKA_SASL_PASSWORD', 'baton-test-secret');
const pem = (name: string) => readFileSync(path.join(tlsDir, name), 'utf8');
const testTimeoutMs = 60_000;

function secureBus(
  brokers: readonly string[],
  security: KafkaSecurity,
  options: Partial<KafkaBusOptions> = {},
) {
  const bus = new KafkaBus({
    brokers,
    security,
    clientId: 'kafka-security-test',
    topicPrefix: scope.prefix,
    defaultPartitions: 2,
    sessionTimeoutMs: 6000,
    rebalanceTimeoutMs: 6000,
    heartbeatIntervalMs: 300,
    maxWaitTimeMs: 200,
    logger: () => undefined,
    ...options,
  });
  return scope.track(bus);
}

/** Produces a message through the bus and reads it back through a group of the same bus. */
async function roundTrip(bus: KafkaBus): Promise<ConsumedMessage[]> {
  const topic = `${scope.prefix}secure`;
  const received: ConsumedMessage[] = [];
  await bus.subscribe({
    topic,
    groupId: uniqueName('g'),
    fromBeginning: true,
    eachBatch: (batch) => {
      received.push(...batch.messages);
      return Promise.resolve();
    },
  });
  await bus.produce(topic, [{ key: 'k', value: { greeting: 'over a secure listener' } }]);
  await waitFor(() => received.length >= 1, 'the message read back');
  return received;
}

const saslOverTls = (mechanism: KafkaSaslMechanism, secret = password): KafkaSecurity => ({
  tls: { ca: pem('ca.crt') },
  sasl: { mechanism, username, password: secret },
});

const mutualTls: KafkaSecurity = {
  tls: { ca: pem('ca.crt'), cert: pem('client.crt'), key: pem('client.key') },
};

describe('Kafka clients on secure listeners', () => {
  it.each(['scram-sha-512', 'scram-sha-256', 'plain'] as const)(
    'SASL %s over TLS: the bus creates its topic, produces and consumes',
    async (mechanism) => {
      const received = await roundTrip(secureBus(saslSslBrokers, saslOverTls(mechanism)));
      expect(received.map((message) => message.value)).toEqual([{ greeting: 'over a secure listener' }]);
    },
    testTimeoutMs,
  );

  it(
    'mutual TLS: the bus presents its client certificate, produces and consumes',
    async () => {
      const received = await roundTrip(secureBus(sslBrokers, mutualTls));
      expect(received.map((message) => message.value)).toEqual([{ greeting: 'over a secure listener' }]);
    },
    testTimeoutMs,
  );

  it(
    'the readiness probe and the lag reader connect with the same settings',
    async () => {
      const security = saslOverTls('scram-sha-512');
      const bus = secureBus(saslSslBrokers, security);
      const groupId = uniqueName('lag');
      const topic = `${scope.prefix}lagged`;
      await bus.ensureTopics([{ name: topic, partitions: 1 }]);
      await bus.produce(topic, [
        { key: 'k', value: { n: 1 } },
        { key: 'k', value: { n: 2 } },
      ]);
      const probe = new KafkaReachability({ brokers: saslSslBrokers, security });
      const lag = new KafkaConsumerLag({ brokers: saslSslBrokers, security });
      try {
        await expect(probe.check()).resolves.toBeUndefined();
        await expect(lag.lag(groupId, topic)).resolves.toEqual([{ partition: 0, lag: 2 }]);
      } finally {
        await Promise.all([probe.close(), lag.close()]);
      }
    },
    testTimeoutMs,
  );

  it(
    'a wrong password fails the connection at once, naming the settings, without retrying',
    async () => {
      const retries: string[] = [];
      const connecting = connectKafkaBus(
        {
          brokers: saslSslBrokers,
          security: saslOverTls('scram-sha-512', 'not-the-password'),
          clientId: 'kafka-security-test',
          logger: () => undefined,
        },
        { retryDelayMs: 10, log: (message) => retries.push(message) },
      );
      const error: unknown = await connecting.catch((reason: unknown) => reason);
      expect(error).toBeInstanceOf(KafkaAuthenticationError);
      expect((error as Error).message).toContain('refused the credentials');
      expect((error as Error).message).toContain('KAFKA_SASL_PASSWORD');
      expect(retries).toEqual([]);
    },
    testTimeoutMs,
  );

  it(
    'a broker certificate signed by a CA the client does not trust is refused',
    async () => {
      // Without the test CA, Node checks the broker against the public CAs: the handshake fails.
      const bus = secureBus(
        saslSslBrokers,
        { tls: {}, sasl: { mechanism: 'scram-sha-512', username, password } },
        { retries: 1 },
      );
      await expect(bus.connect()).rejects.toThrow(/certificate/i);
    },
    testTimeoutMs,
  );

  it(
    'the mutual-TLS listener refuses a client without a certificate',
    async () => {
      const bus = secureBus(sslBrokers, { tls: { ca: pem('ca.crt') } }, { retries: 1 });
      await expect(bus.connect()).rejects.toThrow(/cannot connect to Kafka brokers/);
    },
    testTimeoutMs,
  );
});
