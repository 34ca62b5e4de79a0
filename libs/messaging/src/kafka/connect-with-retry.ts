// Connecting to infrastructure that may not be up yet: a replica started before Kafka (or MongoDB)
// answers says so and tries again, instead of crashing and being restarted in a loop. A signal
// (SIGTERM) stops the waiting at once, without waiting for the client's own attempts to end.
import { KafkaBus } from './kafka-bus';
import type { KafkaBusOptions } from './kafka-bus-options';

export interface RetryPolicy {
  /** Pause between attempts, ms. @default 5000 */
  readonly retryDelayMs?: number;
  /** Stops retrying (e.g. on SIGTERM): the pending attempt rejects. */
  readonly signal?: AbortSignal;
  /** @default console.error */
  readonly log?: (message: string) => void;
  /** Attempts before giving up (tests fail fast). @default unlimited */
  readonly maxAttempts?: number;
}

/**
 * Runs `attempt` until it succeeds, telling `log` about each failure; `what` names the target. An
 * error marked `retriable: false` ends the attempts at once.
 */
export async function retryUntilConnected<T>(
  what: string,
  policy: RetryPolicy,
  attempt: () => Promise<T>,
): Promise<T> {
  const delayMs = policy.retryDelayMs ?? 5000;
  const log = policy.log ?? ((message: string) => console.error(message));
  for (let attempts = 1; ; attempts++) {
    try {
      return await untilAborted(attempt(), policy.signal);
    } catch (error) {
      if (policy.signal?.aborted || attempts >= (policy.maxAttempts ?? Infinity)) throw error;
      // Refused credentials (say) will be refused again: fail the start with the reason.
      if (isNotRetriable(error)) throw error;
      log(
        `Baton: cannot reach ${what}: ${error instanceof Error ? error.message : String(error)}. Retrying in ${delayMs / 1000} s.`,
      );
      await pause(delayMs, policy.signal);
    }
  }
}

/** A connected KafkaBus, retried while the brokers do not answer. */
export function connectKafkaBus(options: KafkaBusOptions, policy: RetryPolicy = {}): Promise<KafkaBus> {
  return retryUntilConnected(`Kafka at ${options.brokers.join(',')}`, policy, async () => {
    const bus = new KafkaBus(options);
    try {
      await bus.connect();
      return bus;
    } catch (error) {
      await bus.close().catch(() => undefined);
      throw error;
    }
  });
}

function isNotRetriable(error: unknown): boolean {
  return error instanceof Error && 'retriable' in error && error.retriable === false;
}

/** The promise, or a rejection as soon as the signal aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('stopped while connecting'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('stopped while waiting to reconnect'));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new Error('stopped while waiting to reconnect'));
      },
      { once: true },
    );
  });
}
