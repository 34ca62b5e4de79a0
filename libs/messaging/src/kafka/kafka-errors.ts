// Errors of the Kafka bus that a caller may want to tell apart: the cluster could not be reached
// (worth retrying later), and use after close (a programming error).

/** No connection to the brokers within the connection timeout and retries. */
export class KafkaConnectionError extends Error {
  override readonly name = 'KafkaConnectionError';
  readonly code = 'KAFKA_UNAVAILABLE';
  /** The caller may retry: the cluster may come up later. */
  readonly retriable = true;

  constructor(
    readonly brokers: readonly string[],
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`cannot connect to Kafka brokers ${brokers.join(', ')}: ${reason}`, { cause });
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
