// The Kafka settings of a service that cannot run without Kafka (the integration adapter and the
// socket gateway on their own): the brokers, how to connect to them, and the engine's topic prefix.
import { z } from 'zod';
import { brokerList } from './env-values';
import { kafkaSecurityConfigShape } from './kafka-security-config';

/** `whyRequired` completes "required: …" when KAFKA_BROKERS is missing. */
export function kafkaClientConfigShape(whyRequired: string) {
  return {
    /** Kafka bootstrap brokers, comma-separated (`host:port,…`). */
    KAFKA_BROKERS: z.string({ error: `required: ${whyRequired}` }).pipe(brokerList),
    /** KAFKA_TLS, KAFKA_TLS_*_FILE, KAFKA_SASL_*: how to connect to Kafka (the engine's settings). */
    ...kafkaSecurityConfigShape,
    /** Prefix of every topic name, e.g. `dev.`; the engine's value. @default "" */
    TOPIC_PREFIX: z.string().default(''),
  };
}
