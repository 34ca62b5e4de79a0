// What the gateway's HTTP server answers besides socket.io (which takes `/socket.io/` first):
// the REST API through the proxy, its own health, and the console's files at `/` with the
// console's settings at `/console-config.json`.
import type { ConsoleAssets } from '@baton/console';
import { answerHealthRequest, answerMetricsRequest, type HealthChecks } from '@baton/platform';
import type { Registry } from 'prom-client';
import type { ConsoleSignIn } from '../config/console-sign-in';
import type { RequestHandler } from './engine-proxy';

export interface GatewayHttpHandlerOptions {
  /** Forwards `/v2/*` to the engine. */
  readonly engineProxy: RequestHandler;
  /** The built console; undefined when the gateway serves no console. */
  readonly console: ConsoleAssets | undefined;
  /**
   * How this gateway authenticates socket handshakes (AUTH_MODE): told to the console, which
   * skips the sign-in when it is `'none'`.
   */
  readonly authMode: 'jwt' | 'none';
  /** The OpenID provider the console signs users in at; none: a pasted token (development). */
  readonly consoleSignIn?: ConsoleSignIn;
  readonly health: () => Record<string, unknown>;
  /** What `/health/ready` checks (Kafka reachable, for a separate gateway); `/health/live` needs none. */
  readonly readinessChecks?: HealthChecks;
  /** Served at `/metrics`; none: no `/metrics`. */
  readonly metricsRegistry?: Registry;
}

export function createGatewayHttpHandler(options: GatewayHttpHandlerOptions): RequestHandler {
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://gateway').pathname;
    if (path.startsWith('/v2/') || path === '/v2') {
      options.engineProxy(req, res);
      return;
    }
    if (answerHealthRequest(req, res, options.readinessChecks ?? {})) return;
    if (options.metricsRegistry && answerMetricsRequest(req, res, options.metricsRegistry)) return;
    if (path === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(options.health()));
      return;
    }
    if (path === '/console-config.json' && options.console !== undefined) {
      // Unauthenticated by design: the console reads it before anyone signs in. It tells only
      // whether signing in is needed and where — what an unauthenticated API call and the
      // provider's own discovery document would reveal anyway (a public client has no secret).
      const signIn = options.authMode === 'jwt' ? options.consoleSignIn : undefined;
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache' });
      res.end(JSON.stringify({ authMode: options.authMode, ...(signIn ? { oidc: signIn } : {}) }));
      return;
    }
    const asset = options.console?.get(path === '/' ? '/index.html' : path);
    if (asset === undefined || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`Not found: ${path}\n`);
      return;
    }
    res.writeHead(200, {
      'content-type': asset.contentType,
      'content-length': asset.body.length,
      'cache-control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : asset.body);
  };
}
