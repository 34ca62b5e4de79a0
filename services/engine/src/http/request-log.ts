// Log lines of the REST API about one request: its traceparent (the caller's W3C header, or a new
// one) and, when the path names an instance, its processInstanceKey, so that a collector can put
// the request beside the lines the engine wrote about that instance.
import type { Request } from 'express';
import { BatonError } from '@baton/contracts';
import { requestTraceparent, type Logger } from '@baton/platform';

const instancePath = /\/process-instances\/(\d+)(?:\/|$)/;

const traceparents = new WeakMap<Request, string>();

/** The request's traceparent: the caller's W3C header, or one made up once for this request. */
export function traceparentOf(req: Request): string {
  let traceparent = traceparents.get(req);
  if (traceparent === undefined) {
    traceparent = requestTraceparent(req.headers);
    traceparents.set(req, traceparent);
  }
  return traceparent;
}

/** A logger for the request, its fields bound. */
export function requestLogger(logger: Logger, req: Request): Logger {
  // From the path, not req.params: the error handler runs outside the route that parsed them.
  const processInstanceKey = instancePath.exec(req.path)?.[1];
  return logger.child({
    traceparent: traceparentOf(req),
    ...(processInstanceKey !== undefined ? { processInstanceKey } : {}),
    method: req.method,
    path: req.path,
  });
}

/**
 * A failure answered with a problem document: a BatonError is the caller's business (debug); any
 * other error is a defect or an outage the operator must see (error, with its stack).
 */
export function logRequestFailure(logger: Logger, req: Request, error: unknown): void {
  const expected = error instanceof BatonError;
  if (!logger.isLevelEnabled(expected ? 'debug' : 'error')) return;
  const log = requestLogger(logger, req);
  if (expected) log.debug({ code: error.code, reason: error.message }, 'request refused');
  else log.error({ err: error }, 'request failed');
}
