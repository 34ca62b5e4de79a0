// The adapter serves no API, but an orchestrator needs something to probe: a small HTTP server
// answering `/health/live` and `/health/ready` (Kafka reachable) on HEALTH_PORT, nothing else.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerHealthRequest, type HealthChecks } from '@baton/engine';

export interface HealthServerOptions {
  /** Port to listen on; 0 picks a free one. */
  readonly port: number;
  /**
   * Interface to bind.
   * @default '0.0.0.0'
   */
  readonly host?: string;
  /** What `/health/ready` checks. */
  readonly readinessChecks: HealthChecks;
}

export interface RunningHealthServer {
  /** The port actually bound. */
  readonly port: number;
  close(): Promise<void>;
}

export async function startHealthServer(options: HealthServerOptions): Promise<RunningHealthServer> {
  const server = createServer((req, res) => {
    if (answerHealthRequest(req, res, options.readinessChecks)) return;
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
