// The express application of the REST API: JSON body parsing with a size limit, the route
// table, and one error handler that answers every failure as an RFC 9457 problem document.
import type { IncomingMessage } from 'node:http';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { BatonError } from '@baton/contracts';
import { givenTraceparent } from '@baton/platform';
import type { EngineService } from '../engine-service';
import { routeGuard } from './auth-guard';
import { withDefaults, type HttpOptions } from './options';
import { problemOfBatonError, problemOfError, sendProblem } from './problem';
import { runWithTraceparent } from '../observability/trace-context';
import { logRequestFailure } from './request-log';
import type { RouteDefinition } from './route-table';
import { httpRoutes } from './routes';
import { toBatonError } from './request-errors';
import { boundedJsonDepth, checkJsonTextDepth } from './json-depth';
import { parseRequest } from './validation';

/** Every non-multipart body is read as JSON, so `curl -d` works without a content type. */
const isJsonBody = (req: IncomingMessage): boolean =>
  !(req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/');

function routeHandler(route: RouteDefinition, engine: EngineService, maxJsonDepth: number): RequestHandler {
  const afterEarlierCreates = route.afterEarlierCreates ?? route.access !== 'public';
  return async (req, res) => {
    if (afterEarlierCreates) await engine.earlierCreatesStored();
    const body: unknown =
      route.body === undefined
        ? undefined
        : parseRequest(route.body, boundedJsonDepth(req.body ?? {}, maxJsonDepth));
    // Entered here, once the body is read: body parsing runs in stream callbacks outside it.
    await runWithTraceparent(givenTraceparent(req.headers), () => route.handle({ body, req, res }));
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
  // Express's last-resort handler shows stacks (as HTML) outside production: never to a caller.
  app.set('env', 'production');
  const jsonBody = express.json({
    limit: settings.bodyLimitBytes,
    type: isJsonBody,
    verify: (_req, _res, text) => checkJsonTextDepth(text, settings.maxJsonDepth),
  });
  for (const route of httpRoutes(engine, settings)) {
    // The guard runs first: a caller without a valid token gets 401 (or 403) before any body,
    // JSON or upload, is read — a stranger cannot make the server parse a megabyte, and learns
    // nothing from a 413 or 400 about what the route would accept.
    app[route.method](
      route.path,
      routeGuard(route, settings.authenticator),
      jsonBody,
      ...(route.before ?? []),
      routeHandler(route, engine, settings.maxJsonDepth),
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
    try {
      logRequestFailure(settings.logger, req, failure);
    } finally {
      sendProblem(res, problemOfError(failure, req.originalUrl));
    }
  };
  app.use(errorHandler);
  return app;
}
