// `GET /metrics` in Prometheus' text format, for the services' plain node:http servers (socket
// gateway, integration adapter); the engine's express app serves the same path.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';

export const metricsPath = '/metrics';

/** Answers `GET /metrics` and returns true; returns false for any other path. */
export function answerMetricsRequest(req: IncomingMessage, res: ServerResponse, registry: Registry): boolean {
  if (new URL(req.url ?? '/', 'http://metrics').pathname !== metricsPath) return false;
  registry.metrics().then(
    (text) => {
      res.writeHead(200, { 'content-type': registry.contentType });
      res.end(text);
    },
    (error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`metrics failed: ${String(error)}\n`);
    },
  );
  return true;
}
