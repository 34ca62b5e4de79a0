// Errors of the Kafka bus that a caller may want to tell apart: the cluster could not be reached
// (worth retrying later), the cluster refused Baton's credentials (not worth retrying: the same
// credentials will be refused again), use after close (a programming error), and a transactional
// producer fenced by the partition's next owner (this replica lost the partition).

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

/**
 * The transaction of a batch failed because another producer initialised the partition's
 * transactional id: the partition has a new owner, and nothing of this batch became visible
 * through this replica. Whatever the handler kept of the batch is the new owner's to redo.
 */
export class KafkaProducerFencedError extends Error {
  override readonly name = 'KafkaProducerFencedError';
  readonly code = 'KAFKA_PRODUCER_FENCED';
  /** This replica no longer owns the partition: retrying the batch here is pointless. */
  readonly retriable = false;

  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly transactionalId: string,
    cause: unknown,
  ) {
    super(
      `the transactional producer ${transactionalId} of ${topic}[${partition}] was fenced by a newer one`,
      {
        cause,
      },
    );
  }
}

/**
 * The broker's answers to a producer whose epoch is older than the transactional id's: kafkajs speaks
 * request versions old enough that Kafka 3.x answers INVALID_PRODUCER_EPOCH (47); newer versions get
 * PRODUCER_FENCED (90), which kafkajs does not know by name.
 */
const fencedErrorTypes = new Set(['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED']);
const producerFencedCode = 90;

/** Whether a kafkajs error, or one it wraps (retries, several brokers' answers), says "fenced". */
export function isProducerFenced(error: unknown): boolean {
  return someBrokerAnswer(
    error,
    (type, code) => (type !== undefined && fencedErrorTypes.has(type)) || code === producerFencedCode,
  );
}

/**
 * Whether a kafkajs error is CONCURRENT_TRANSACTIONS: the coordinator is still completing the
 * producer's previous transaction (its markers are written after the commit was answered).
 */
export function isConcurrentTransactions(error: unknown): boolean {
  return someBrokerAnswer(error, (type) => type === 'CONCURRENT_TRANSACTIONS');
}

/** Whether the error, or one it wraps (retries, several brokers' answers), is a broker answer that `matches`. */
function someBrokerAnswer(
  error: unknown,
  matches: (type: string | undefined, code: unknown) => boolean,
): boolean {
  const pending: unknown[] = [error];
  for (let checked = 0; pending.length > 0 && checked < 20; checked++) {
    const current = pending.pop();
    if (!(current instanceof Error)) continue;
    const { type, code, errors } = current as Error & { type?: unknown; code?: unknown; errors?: unknown };
    if (matches(typeof type === 'string' ? type : undefined, code)) return true;
    pending.push(current.cause);
    if (Array.isArray(errors)) pending.push(...(errors as unknown[]));
  }
  return false;
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

/**
 * The group coordinator's answers to offsets committed for a member or generation that is no
 * longer current (KIP-447): the member lost its partitions, or a rebalance is under way.
 */
const lostMembershipTypes = new Set([
  'ILLEGAL_GENERATION',
  'UNKNOWN_MEMBER_ID',
  'FENCED_INSTANCE_ID',
  'REBALANCE_IN_PROGRESS',
]);

/** Whether a kafkajs error says the member committing offsets is not the group's current one. */
export function isGroupMembershipLost(error: unknown): boolean {
  return someBrokerAnswer(error, (type) => type !== undefined && lostMembershipTypes.has(type));
}

/** Whether a kafkajs error is UNSTABLE_OFFSET_COMMIT: a transaction holding the offsets is still open. */
export function isUnstableOffsetCommit(error: unknown): boolean {
  return someBrokerAnswer(error, (type, code) => type === 'UNSTABLE_OFFSET_COMMIT' || code === 88);
}
