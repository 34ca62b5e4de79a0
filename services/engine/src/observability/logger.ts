// JSON logs (pino), one object per line on stdout, for a log collector to index: every line
// carries the service and replica, and lines about a message carry its processInstanceKey and
// traceparent, so that one instance's or one request's path can be followed across services.
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  readonly service: string;
  readonly replicaId: string;
  /**
   * Least severe level written (`trace`, `debug`, `info`, `warn`, `error`).
   * @default process.env.LOG_LEVEL ?? 'info'
   */
  readonly level?: string;
  /** @default stdout */
  readonly destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  const settings = {
    level: options.level ?? process.env['LOG_LEVEL'] ?? 'info',
    base: { service: options.service, replicaId: options.replicaId },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
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
