// Reading a service's configuration from the environment: the value types every service's schema
// shares, the Kafka client and security settings, and one way to validate and report.
export * from './env-values';
export * from './kafka-client-config';
export * from './kafka-security-config';
export * from './read-config';
