// `/health/live` and `/health/ready` for the services' plain node:http servers (socket gateway,
// integration adapter); the engine's express app answers the same paths with the same bodies.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { healthStatusCode, liveReport, runHealthChecks, type HealthChecks } from './health-checks';

export const healthPaths = { live: '/health/live', ready: '/health/ready' } as const;

/**
 * Answers the request when its path is a health path and returns true; returns false otherwise,
 * leaving the request to the caller.
 */
export function answerHealthRequest(
  req: IncomingMessage,
  res: ServerResponse,
  readinessChecks: HealthChecks,
): boolean {
  const path = new URL(req.url ?? '/', 'http://health').pathname;
  if (path === healthPaths.live) {
    sendJson(res, 200, liveReport);
    return true;
  }
  if (path === healthPaths.ready) {
    runHealthChecks(readinessChecks).then(
      (report) => sendJson(res, healthStatusCode(report), report),
      (error: unknown) => sendJson(res, 500, { status: 'DOWN', error: String(error) }),
    );
    return true;
  }
  return false;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
