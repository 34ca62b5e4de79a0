// The gateway inside `npm start`: on the engine replica's own bus, with snapshots read from the
// engine in-process, next to the REST API it proxies at `/v2`.
import type { EngineRuntime } from '@baton/engine';
import { startSocketGateway, type RunningSocketGateway } from './gateway';
import type { SocketGatewayOptions } from './gateway-options';
import { engineSnapshotSource } from './snapshots/snapshot-source';

export interface EmbeddedGatewayOptions extends Pick<
  SocketGatewayOptions,
  | 'port'
  | 'host'
  | 'topicPrefix'
  | 'maxQueuedUpdates'
  | 'snapshotLimit'
  | 'serveConsole'
  | 'authenticator'
  | 'logError'
> {
  /** The engine replica of this process: its bus and its instance store. */
  readonly engine: EngineRuntime;
  /** Where this process's REST API listens, e.g. `http://127.0.0.1:8080`. */
  readonly engineUrl: string;
}

export function startEmbeddedGateway({
  engine,
  ...options
}: EmbeddedGatewayOptions): Promise<RunningSocketGateway> {
  return startSocketGateway({
    ...options,
    bus: engine.bus,
    snapshots: engineSnapshotSource(engine),
    replicaId: `gateway-${engine.replicaId}`,
  });
}

/** The address at which this process reaches a server bound to `host` (a wildcard means loopback). */
export function localUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}
