// One small logger for the Kafka bus and for kafkajs underneath it: kafkajs logs every group join
// and fetch-loop event at INFO, which drowns the output of services and tests, so both are
// filtered by one level (WARN unless configured) before reaching the hook.
import { logLevel as kafkaLogLevel, type logCreator } from 'kafkajs';

export type KafkaBusLogLevel = 'error' | 'warn' | 'info' | 'debug';

/** Receives the log entries of the bus; `extra` carries context such as topic, partition, error. */
export type KafkaBusLogger = (
  level: KafkaBusLogLevel,
  message: string,
  extra?: Readonly<Record<string, unknown>>,
) => void;

const severity: Record<KafkaBusLogLevel, number> = { error: 1, warn: 2, info: 4, debug: 5 };

/** Writes to the console as `[baton kafka] message {extra}`, errors and warnings to stderr. */
export const consoleKafkaLogger: KafkaBusLogger = (level, message, extra) => {
  const line = `[baton kafka] ${level.toUpperCase()} ${message}`;
  const write = level === 'error' || level === 'warn' ? console.error : console.log;
  if (extra && Object.keys(extra).length > 0) write(line, extra);
  else write(line);
};

/** The logger, dropping entries less severe than `level`. */
export function filteredLogger(logger: KafkaBusLogger, level: KafkaBusLogLevel): KafkaBusLogger {
  const threshold = severity[level];
  return (entryLevel, message, extra) => {
    if (severity[entryLevel] <= threshold) logger(entryLevel, message, extra);
  };
}

/** The kafkajs log level matching ours, so that kafkajs does not even build the entries we drop. */
export function toKafkaLogLevel(level: KafkaBusLogLevel): kafkaLogLevel {
  switch (level) {
    case 'error':
      return kafkaLogLevel.ERROR;
    case 'warn':
      return kafkaLogLevel.WARN;
    case 'info':
      return kafkaLogLevel.INFO;
    case 'debug':
      return kafkaLogLevel.DEBUG;
  }
}

function fromKafkaLogLevel(level: kafkaLogLevel): KafkaBusLogLevel {
  if (level <= kafkaLogLevel.ERROR) return 'error';
  if (level === kafkaLogLevel.WARN) return 'warn';
  if (level === kafkaLogLevel.INFO) return 'info';
  return 'debug';
}

/**
 * The level we log a kafkajs entry at, `undefined` to drop it:
 * - kafkajs logs every error answer of the broker at ERROR in its Connection, although the request's
 *   caller handles it (a rebalancing heartbeat makes the consumer rejoin, and logs that at WARN; a
 *   topic created concurrently is fine): those go to INFO;
 * - its warning about the idempotent producer's bounded retries is dropped: the bound is
 *   deliberate (a produce must fail in bounded time so that the caller's batch is retried);
 * - a transactional producer fenced by a newer one is logged by kafkajs at ERROR, and once more,
 *   with the partition and what it means, by the subscription: kafkajs's copy goes to INFO;
 * - a transaction begun while the broker still completes the previous one is answered
 *   CONCURRENT_TRANSACTIONS, which kafkajs logs at ERROR before it retries: routine, DEBUG.
 */
function kafkaEntryLevel(
  namespace: string,
  level: kafkaLogLevel,
  message: string,
): KafkaBusLogLevel | undefined {
  if (message.startsWith('Limiting retries for the idempotent producer')) return undefined;
  if (namespace === 'Producer' && message.startsWith('Producer attempted an operation with an old epoch'))
    return 'info';
  if (namespace === 'Producer' && message.includes('another concurrent operation on the same transaction'))
    return 'debug';
  if (namespace === 'Connection' && level === kafkaLogLevel.ERROR && message.startsWith('Response '))
    return 'info';
  return fromKafkaLogLevel(level);
}

/** A kafkajs `logCreator` that forwards to our logger, with the kafkajs namespace in the message. */
export function kafkaLogCreator(logger: KafkaBusLogger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const {
        message,
        timestamp: _timestamp,
        logger: _logger,
        ...extra
      } = log as typeof log & { logger?: string };
      const ourLevel = kafkaEntryLevel(namespace, level, message);
      if (ourLevel) logger(ourLevel, `kafkajs ${namespace}: ${message}`, extra);
    };
}
