// One small logger for the Kafka bus and for kafkajs underneath it: kafkajs logs every group join
// and fetch-loop event at INFO, which drowns the output of services and tests, so both are
// filtered by one level (WARN unless configured) before reaching the hook.
import { logLevel as kafkaLogLevel, type logCreator } from 'kafkajs';

export type KafkaBusLogLevel = 'error' | 'warn' | 'info' | 'debug';

/** Receives the log entries of the bus; `extra` carries context such as topic, partition, error. */
export type KafkaBusLogger = (level: KafkaBusLogLevel, message: string, extra?: Readonly<Record<string, unknown>>) => void;

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

/** A kafkajs `logCreator` that forwards to our logger, with the kafkajs namespace in the message. */
export function kafkaLogCreator(logger: KafkaBusLogger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, timestamp: _timestamp, logger: _logger, ...extra } = log as typeof log & { logger?: string };
      logger(fromKafkaLogLevel(level), `kafkajs ${namespace}: ${message}`, extra);
    };
}
