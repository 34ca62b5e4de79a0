// JSON logs (pino), one object per line on stdout, for a log collector to index: every line
// carries the service and replica, and lines about a message carry its processInstanceKey and
// traceparent, so that one instance's or one request's path can be followed across services.
import { newTraceparent, type KafkaBusLogger } from '@baton/messaging';
import { pino, type DestinationStream, type Logger } from 'pino';
import { prettyLogDestination } from './pretty-log-destination';

export type { Logger } from 'pino';

export interface LoggerOptions {
  readonly service: string;
  /** @default none: the line carries no replicaId */
  readonly replicaId?: string;
  /**
   * Least severe level written (`trace`, `debug`, `info`, `warn`, `error`, `silent`).
   * @default process.env.LOG_LEVEL ?? 'info'
   */
  readonly level?: string;
  /**
   * Where lines go.
   * @default stdout; with LOG_FORMAT=pretty, stdout as one readable line per entry
   */
  readonly destination?: DestinationStream;
}

const levels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

export function createLogger(options: LoggerOptions): Logger {
  const level = options.level ?? process.env['LOG_LEVEL'] ?? 'info';
  // pino's own refusal is a bare "unknown level" with a stack; say which setting is wrong.
  if (!levels.includes(level))
    throw new Error(`LOG_LEVEL must be one of ${levels.join(', ')}; got '${level}'.`);
  const settings = {
    level,
    base: {
      service: options.service,
      ...(options.replicaId !== undefined ? { replicaId: options.replicaId } : {}),
    },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  const destination =
    options.destination ?? (process.env['LOG_FORMAT'] === 'pretty' ? prettyLogDestination() : undefined);
  return destination ? pino(settings, destination) : pino(settings);
}

/** A logger that writes nothing: the default of components given none. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/** The fields of a message's headers worth a log line: the instance and the trace. */
export function messageLogFields(headers: Readonly<Record<string, string>>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const name of ['processInstanceKey', 'traceparent', 'messageId'] as const) {
    const value = headers[name];
    if (value !== undefined) fields[name] = value;
  }
  return fields;
}

const traceparentPattern = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** The W3C `traceparent` header of an HTTP request, normalised, when it has a valid one. */
export function givenTraceparent(headers: RequestHeaders): string | undefined {
  const given = headers['traceparent'];
  const value = typeof given === 'string' ? given.trim().toLowerCase() : undefined;
  return value !== undefined && traceparentPattern.test(value) ? value : undefined;
}

/**
 * The trace of an HTTP request: its W3C `traceparent` header when it has a valid one, a new one
 * otherwise (so that the lines of one request still belong together).
 */
export function requestTraceparent(headers: RequestHeaders): string {
  return givenTraceparent(headers) ?? newTraceparent();
}

/** The Kafka bus's (and kafkajs') log entries as lines of `logger`. */
export function kafkaBusLogger(logger: Logger): KafkaBusLogger {
  return (level, message, extra) => {
    if (extra && Object.keys(extra).length > 0) logger[level](extra, message);
    else logger[level](message);
  };
}

/**
 * An error reporter as the services' options take it; `fields` are the line's context, e.g. the
 * processInstanceKey and traceparent of the message being handled.
 */
export type LogError = (message: string, error: unknown, fields?: Readonly<Record<string, unknown>>) => void;

/** Reports errors as error lines of `logger`, with their stack. */
export function logErrorTo(logger: Logger): LogError {
  return (message, error, fields) => logger.error({ ...fields, err: error }, message);
}
