// The gateway inside `npm start`: on the engine replica's own bus, with snapshots read from the
// engine in-process, next to the REST API it proxies at `/v2`. The gateway does not import the
// engine: it names the little it needs of it below, and the standalone (the composition root that
// runs every service in one process) hands it the engine's replica and a snapshot source.
import type { MessageBus } from '@baton/messaging';
import { startSocketGateway, type RunningSocketGateway } from './gateway';
import type { SocketGatewayOptions } from './gateway-options';
import type { SnapshotSource } from './snapshots/snapshot-source';

/** What the embedded gateway needs of the engine replica in its process. */
export interface EmbeddedEngine {
  /** The bus the replica publishes `baton.instance.events.v1` on; the gateway does not close it. */
  readonly bus: MessageBus;
  /** The replica's id; the gateway's own is `gateway-<replicaId>`. */
  readonly replicaId: string;
}

export interface EmbeddedGatewayOptions extends Pick<
  SocketGatewayOptions,
  | 'port'
  | 'host'
  | 'topicPrefix'
  | 'maxQueuedUpdates'
  | 'snapshotLimit'
  | 'resumeMaxUpdates'
  | 'resumeWindowMs'
  | 'serveConsole'
  | 'consoleSignIn'
  | 'authenticator'
  | 'logError'
> {
  /** The engine replica of this process: its bus and its id. */
  readonly engine: EmbeddedEngine;
  /** Current states read from that engine in-process, for subscribe answers and resyncs. */
  readonly snapshots: SnapshotSource;
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
    replicaId: `gateway-${engine.replicaId}`,
  });
}

/** The address at which this process reaches a server bound to `host` (a wildcard means loopback). */
export function localUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}
