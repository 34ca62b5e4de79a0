// The express application of the REST API: JSON body parsing with a size limit, the route
// table, and one error handler that answers every failure as an RFC 9457 problem document.
import type { IncomingMessage } from 'node:http';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { BatonError } from '@baton/contracts';
import type { EngineService } from '../engine-service';
import { routeGuard } from './auth-guard';
import { withDefaults, type HttpOptions } from './options';
import { problemOfBatonError, problemOfError, sendProblem } from './problem';
import { runWithTraceparent } from '../observability/trace-context';
import { logRequestFailure, traceparentOf } from './request-log';
import type { RouteDefinition } from './route-table';
import { httpRoutes } from './routes';
import { parseRequest } from './validation';

/** body-parser's errors carry a `type` naming the failure. */
interface BodyParserError {
  readonly type: string;
  readonly status?: number;
  readonly message: string;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    typeof error === 'object' && error !== null && typeof (error as { type?: unknown }).type === 'string'
  );
}

/** Every non-multipart body is read as JSON, so `curl -d` works without a content type. */
const isJsonBody = (req: IncomingMessage): boolean =>
  !(req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/');

function toBatonError(error: unknown, bodyLimitBytes: number): unknown {
  if (error instanceof BatonError || !isBodyParserError(error)) return error;
  switch (error.type) {
    case 'entity.parse.failed':
      return new BatonError('INVALID_ARGUMENT', `Request body is not valid JSON: ${error.message}`);
    case 'entity.too.large':
      return new BatonError(
        'PAYLOAD_TOO_LARGE',
        `Request body is larger than the limit of ${bodyLimitBytes} bytes.`,
      );
    default:
      return new BatonError('INVALID_ARGUMENT', `Unreadable request body: ${error.message}`);
  }
}

function routeHandler(route: RouteDefinition): RequestHandler {
  return async (req, res) => {
    const body: unknown = route.body === undefined ? undefined : parseRequest(route.body, req.body ?? {});
    // Entered here, once the body is read: body parsing runs in stream callbacks outside it.
    await runWithTraceparent(traceparentOf(req), () => route.handle({ body, req, res }));
  };
}

/**
 * The REST API (DESIGN §5) on top of an {@link EngineService}: Camunda 8 REST API v2 operations,
 * Baton's extensions, `/health` and the generated `/v2/openapi.json`.
 */
export function createHttpApp(engine: EngineService, options: HttpOptions): Express {
  const settings = withDefaults(options);
  const app = express();
  app.disable('x-powered-by');
  const jsonBody = express.json({ limit: settings.bodyLimitBytes, type: isJsonBody });
  for (const route of httpRoutes(engine, settings)) {
    // The guard runs first: a caller without a valid token gets 401 (or 403) before any body,
    // JSON or upload, is read — a stranger cannot make the server parse a megabyte, and learns
    // nothing from a 413 or 400 about what the route would accept.
    app[route.method](
      route.path,
      routeGuard(route, settings.authenticator),
      jsonBody,
      ...(route.before ?? []),
      routeHandler(route),
    );
  }
  app.use((req, res) => {
    sendProblem(
      res,
      problemOfBatonError(
        new BatonError('NOT_FOUND', `No route ${req.method} ${req.path}.`),
        req.originalUrl,
      ),
    );
  });
  const errorHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
    // The caller is gone or the answer has started: nothing left to tell it.
    if (res.headersSent) return next(error);
    const failure = toBatonError(error, settings.bodyLimitBytes);
    logRequestFailure(settings.logger, req, failure);
    sendProblem(res, problemOfError(failure, req.originalUrl));
  };
  app.use(errorHandler);
  return app;
}
