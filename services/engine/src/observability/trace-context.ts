// The trace of the REST request being served, for the commands it sends: a client's W3C
// `traceparent` (or the one the request was given) goes on to the command's message, so that the
// engine's log lines about applying that command carry the caller's trace id. Held in
// AsyncLocalStorage for the duration of the route's handler; consumers of the bus run outside it.
import { AsyncLocalStorage } from 'node:async_hooks';

const requestTrace = new AsyncLocalStorage<string>();

/** Runs `work` as part of the request traced by `traceparent`. */
export function runWithTraceparent<T>(traceparent: string, work: () => T): T {
  return requestTrace.run(traceparent, work);
}

/** The traceparent of the request being served, if the caller runs inside one. */
export function currentTraceparent(): string | undefined {
  return requestTrace.getStore();
}
