// The socket gateway: one HTTP server with the console at `/`, the REST API proxied
// at `/v2`, and socket.io pushing instance updates read from `baton.instance.events.v1`.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildConsoleAssets } from '@baton/console';
import { batonTopics } from '@baton/topics';
import { withDefaults, type SocketGatewayOptions } from './gateway-options';
import { createEngineProxy } from './http/engine-proxy';
import { createGatewayHttpHandler } from './http/gateway-http-handler';
import { InstanceEventConsumer } from './instance-event-consumer';
import { UpdateJournal } from './live-state/update-journal';
import type { ClientSession } from './sessions/client-session';
import { StarterRolesCache } from './sessions/instance-visibility';
import { SubscriptionIndex } from './sessions/subscription-index';
import { attachSocketServer } from './socket-server';

/** Counters of a running gateway, for `/health` and tests. */
export interface GatewayStats {
  readonly replicaId: string;
  readonly connectedClients: number;
  /** Instance updates read from the bus and handed to their followers. */
  readonly updatesReceived: number;
  /** Times a client's queue was dropped because it did not keep up. */
  readonly slowClientOverflows: number;
}

export interface RunningSocketGateway {
  /** The port actually bound. */
  readonly port: number;
  readonly replicaId: string;
  stats(): GatewayStats;
  /** Disconnects the clients, stops the HTTP server and leaves the bus subscription (not the bus). */
  close(): Promise<void>;
}

/** Starts a gateway replica; resolves once it consumes events and listens. */
export async function startSocketGateway(options: SocketGatewayOptions): Promise<RunningSocketGateway> {
  const settings = withDefaults(options);
  const consoleAssets = settings.serveConsole ? await buildConsoleAssets() : undefined;
  const index = new SubscriptionIndex<ClientSession>();
  const journal = new UpdateJournal({
    maxUpdates: settings.resumeMaxUpdates,
    retentionMs: settings.resumeWindowMs,
  });
  let updatesReceived = 0;
  let slowClientOverflows = 0;

  // The handler is given at creation: socket.io takes `/socket.io/` from the listeners present
  // when it attaches; a listener added later would answer its polling requests too.
  const httpServer = createServer(
    createGatewayHttpHandler({
      engineProxy: createEngineProxy(settings.engineUrl),
      console: consoleAssets,
      authMode: settings.authenticator.mode,
      ...(settings.consoleSignIn ? { consoleSignIn: settings.consoleSignIn } : {}),
      health: () => ({ status: 'UP', ...stats() }),
      readinessChecks: settings.readinessChecks,
      ...(settings.metricsRegistry ? { metricsRegistry: settings.metricsRegistry } : {}),
    }),
  );
  const io = attachSocketServer(
    httpServer,
    {
      index,
      snapshots: settings.snapshots,
      maxQueuedUpdates: settings.maxQueuedUpdates,
      maxUnflushedPackets: settings.maxUnflushedPackets,
      snapshotLimit: settings.snapshotLimit,
      logError: settings.logError,
      journal,
    },
    { onOverflow: () => slowClientOverflows++ },
    {
      authenticator: settings.authenticator,
      starterRoles: new StarterRolesCache((key) => settings.snapshots.starterRoles(key)),
    },
  );
  function stats(): GatewayStats {
    return {
      replicaId: settings.replicaId,
      connectedClients: io.engine.clientsCount,
      updatesReceived,
      slowClientOverflows,
    };
  }

  const consumer = new InstanceEventConsumer({
    bus: settings.bus,
    topic: batonTopics(settings.topicPrefix).instanceEvents,
    groupId: `baton-socket-gateway-${settings.replicaId}`,
    index,
    snapshots: settings.snapshots,
    onUpdate: () => updatesReceived++,
    journal,
    logError: settings.logError,
  });
  await consumer.start();
  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(settings.port, settings.host, () => {
        httpServer.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await consumer.close();
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    port: (httpServer.address() as AddressInfo).port,
    replicaId: settings.replicaId,
    stats,
    close: () => {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => httpServer.once('close', () => resolve()));
        void io.close();
        // Proxied long polls and idle keep-alive connections would hold the close up.
        httpServer.closeAllConnections();
        await closed;
        await consumer.close();
      })();
      return closing;
    },
  };
}
