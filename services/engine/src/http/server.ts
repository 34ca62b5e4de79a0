// Runs the REST API on a port (0 picks a free one) and stops it cleanly: no new connections,
// idle ones closed at once, busy ones (e.g. a job long poll) given a grace period.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { EngineService } from '../engine-service';
import { answerHealthRequest, answerMetricsRequest, type HealthChecks } from '@baton/platform';
import { instrumentJobApi } from '../observability';
import { createHttpApp } from './app';
import type { HttpOptions } from './options';

export interface HttpServerOptions extends HttpOptions {
  /** Port to listen on; 0 picks a free one. */
  readonly port: number;
  /**
   * Interface to bind.
   * @default all interfaces
   */
  readonly host?: string;
  /**
   * How long `close()` lets requests in flight finish before cutting their connections, ms.
   * @default 5000
   */
  readonly shutdownGraceMs?: number;
  /**
   * What `GET /health/ready` checks (Kafka and MongoDB on the real infrastructure).
   * @default {} (always ready)
   */
  readonly readinessChecks?: HealthChecks;
  /**
   * The registry served at `GET /metrics` (Prometheus' text format).
   * @default none: no `/metrics`
   */
  readonly metricsRegistry?: Registry;
}

export interface RunningHttpServer {
  /** The port actually bound. */
  readonly port: number;
  /** Stops accepting connections and resolves once every connection is closed. */
  close(): Promise<void>;
}

/** Starts the REST API of `engine`; resolves once it listens. */
export async function startHttpServer(
  engine: EngineService,
  options: HttpServerOptions,
): Promise<RunningHttpServer> {
  // With metrics, jobs handed out and answered over REST are timed like those over Kafka.
  const registry = options.metricsRegistry;
  const app = createHttpApp(registry ? instrumentJobApi(engine, { registry }) : engine, options);
  // The orchestrator's probes and Prometheus are answered before the API (and its route table,
  // OpenAPI document and error handling), the way they are on the gateway and the adapter.
  const readinessChecks = options.readinessChecks ?? {};
  const server: Server = createServer((req, res) => {
    if (answerHealthRequest(req, res, readinessChecks)) return;
    if (registry && answerMetricsRequest(req, res, registry)) return;
    app(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    const onListening = () => {
      server.off('error', reject);
      resolve();
    };
    if (options.host === undefined) server.listen(options.port, onListening);
    else server.listen(options.port, options.host, onListening);
  });
  let closing: Promise<void> | undefined;
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        const forceClose = setTimeout(() => server.closeAllConnections(), options.shutdownGraceMs ?? 5000);
        server.close((error) => {
          clearTimeout(forceClose);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
