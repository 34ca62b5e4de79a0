// A service as an operating-system process: started once, stopped cleanly on the first SIGTERM or
// SIGINT (Kubernetes' stop, Ctrl-C), with a start that is still waiting (for Kafka, MongoDB)
// aborted instead of left running. Every service's main.ts and the standalone run through it.
import { createLogger, type Logger } from '../observability/logger';

/**
 * Runs `start`, then calls `stop` once on the first SIGTERM or SIGINT. A signal during the start
 * aborts it (e.g. while waiting for Kafka) and exits. `logger` tells of the stop and of failures.
 */
export function runUntilSignalled<T>(
  name: string,
  start: (signal: AbortSignal) => Promise<T>,
  stop: (started: T) => Promise<void>,
  logger: Logger = createLogger({ service: 'baton' }),
): void {
  const abort = new AbortController();
  let started: T | undefined;
  let signalled: string | undefined;
  const stopStarted = (value: T, signal: string): void => {
    logger.info({ signal }, `${signal} received: stopping ${name}…`);
    stop(value)
      .then(() => {
        logger.info(`${name} stopped.`);
        process.exitCode = 0;
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, `${name}: error while stopping`);
        process.exitCode = 1;
      });
  };
  const onSignal = (signal: string): void => {
    if (signalled) return;
    signalled = signal;
    abort.abort();
    if (started !== undefined) stopStarted(started, signal);
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
  start(abort.signal)
    .then((value) => {
      started = value;
      // A signal that came while starting but did not abort it (the start was past its waits).
      if (signalled) stopStarted(value, signalled);
    })
    .catch((error: unknown) => {
      // The message alone: a configuration error explains itself, its stack would bury it.
      logger.fatal(`${name} did not start: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
}
