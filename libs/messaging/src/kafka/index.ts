// The kafkajs adapter of the bus port (DESIGN §3.5): KafkaBus, its options, errors and logger hook.
export { KafkaBus } from './kafka-bus';
export type { KafkaBusOptions } from './kafka-bus-options';
export {
  KafkaConnectionError,
  KafkaAuthenticationError,
  KafkaBusClosedError,
  KafkaProducerFencedError,
} from './kafka-errors';
export {
  kafkaSaslMechanisms,
  describeKafkaSecurity,
  type KafkaSecurity,
  type KafkaTls,
  type KafkaSasl,
  type KafkaSaslMechanism,
} from './kafka-security';
export { consoleKafkaLogger, type KafkaBusLogger, type KafkaBusLogLevel } from './kafka-logger';
export { connectKafkaBus, retryUntilConnected, type RetryPolicy } from './connect-with-retry';
export { KafkaReachability, type KafkaReachabilityOptions } from './kafka-reachability';
export { KafkaConsumerLag, type KafkaConsumerLagOptions, type PartitionLag } from './kafka-consumer-lag';
