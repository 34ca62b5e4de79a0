// The trace of the REST request being served, for the commands it sends: a client's W3C
// `traceparent` goes on to the command's message, so that the engine's log lines about applying that
// command carry the caller's trace id. Held in AsyncLocalStorage for the duration of the route's
// handler; consumers of the bus run outside it.
//
// Only for requests that came with a traceparent, and the storage is switched off whenever none of
// those is being served: on Node 20 an AsyncLocalStorage in use hooks every promise the process
// makes, which cost a replica about a tenth of its CPU under load. A request without one gets a
// trace of its own for its log lines, and its commands one made by the producer.
import { AsyncLocalStorage } from 'node:async_hooks';

const requestTrace = new AsyncLocalStorage<string>();
/** Requests with a traceparent being served: while there are none, the storage is off. */
let tracedInFlight = 0;

/** Runs `work` as part of the request traced by `traceparent`; as it is without one. */
export async function runWithTraceparent<T>(
  traceparent: string | undefined,
  work: () => T | Promise<T>,
): Promise<T> {
  if (traceparent === undefined) return work();
  tracedInFlight++;
  try {
    return await requestTrace.run(traceparent, work);
  } finally {
    tracedInFlight--;
    if (tracedInFlight === 0) requestTrace.disable();
  }
}

/** The traceparent of the request being served, if the caller runs inside one that came with one. */
export function currentTraceparent(): string | undefined {
  return requestTrace.getStore();
}
