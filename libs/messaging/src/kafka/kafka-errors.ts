// Errors of the Kafka bus that a caller may want to tell apart: the cluster could not be reached
// (worth retrying later), the cluster refused Baton's credentials (not worth retrying: the same
// credentials will be refused again), and use after close (a programming error).

/** A kafkajs failure to reach or log in to the brokers, named with them and their reason. */
abstract class KafkaBrokersError extends Error {
  /** Whether trying again later may succeed. */
  abstract readonly retriable: boolean;

  protected constructor(
    readonly brokers: readonly string[],
    what: (brokers: string) => string,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`${what(brokers.join(', '))}: ${reason}`, { cause });
  }
}

/** No connection to the brokers within the connection timeout and retries. */
export class KafkaConnectionError extends KafkaBrokersError {
  override readonly name = 'KafkaConnectionError';
  readonly code = 'KAFKA_UNAVAILABLE';
  /** The caller may retry: the cluster may come up later. */
  readonly retriable = true;

  constructor(brokers: readonly string[], cause: unknown) {
    super(brokers, (names) => `cannot connect to Kafka brokers ${names}`, cause);
  }
}

/** The brokers answered but refused the client's SASL credentials. */
export class KafkaAuthenticationError extends KafkaBrokersError {
  override readonly name = 'KafkaAuthenticationError';
  readonly code = 'KAFKA_AUTHENTICATION_FAILED';
  /** Trying again with the same credentials is pointless: the start should fail and say why. */
  readonly retriable = false;

  constructor(brokers: readonly string[], cause: unknown) {
    super(
      brokers,
      (names) =>
        `Kafka brokers ${names} refused the credentials (check KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD)`,
      cause,
    );
  }
}

/** The bus was used after `close()`. */
export class KafkaBusClosedError extends Error {
  override readonly name = 'KafkaBusClosedError';
  readonly code = 'KAFKA_BUS_CLOSED';

  constructor(operation: string) {
    super(`KafkaBus is closed: cannot ${operation}`);
  }
}

const connectionFailureNames = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSNoBrokerAvailableError',
]);

/**
 * Whether a kafkajs error comes from not reaching the brokers: the error itself or, behind the
 * "number of retries exceeded" wrapper, the cause it retried.
 */
export function isConnectionFailure(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (connectionFailureNames.has(current.name)) return true;
    current = current.cause;
  }
  return false;
}

/** Whether a kafkajs error is the brokers refusing the SASL credentials, directly or as the cause. */
export function isAuthenticationFailure(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current.name === 'KafkaJSSASLAuthenticationError') return true;
    current = current.cause;
  }
  return false;
}
