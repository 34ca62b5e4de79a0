// Runs the REST API on a port (0 picks a free one) and stops it cleanly: no new connections,
// idle ones closed at once, busy ones (e.g. a job long poll) given a grace period.
import type { AddressInfo } from 'node:net';
import type { EngineService } from '../engine-service';
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
  const app = createHttpApp(engine, options);
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve, reject) => {
    const onListening = (error?: Error) => (error ? reject(error) : resolve(listening));
    const listening =
      options.host === undefined
        ? app.listen(options.port, onListening)
        : app.listen(options.port, options.host, onListening);
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
