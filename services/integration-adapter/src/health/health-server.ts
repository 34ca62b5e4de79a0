// The adapter serves no API, but an orchestrator needs something to probe and Prometheus something
// to scrape: a small HTTP server answering `/health/live`, `/health/ready` (Kafka reachable) and
// `/metrics` on HEALTH_PORT, nothing else.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerHealthRequest, answerMetricsRequest, type HealthChecks } from '@baton/platform';
import type { Registry } from 'prom-client';

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
  /** Served at `/metrics`; none: no `/metrics`. */
  readonly metricsRegistry?: Registry;
}

export interface RunningHealthServer {
  /** The port actually bound. */
  readonly port: number;
  close(): Promise<void>;
}

export async function startHealthServer(options: HealthServerOptions): Promise<RunningHealthServer> {
  const server = createServer((req, res) => {
    if (answerHealthRequest(req, res, options.readinessChecks)) return;
    if (options.metricsRegistry && answerMetricsRequest(req, res, options.metricsRegistry)) return;
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
