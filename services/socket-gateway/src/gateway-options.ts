// Options of the socket gateway, with their defaults applied in one place (STYLE.md §5).
import { randomUUID } from 'node:crypto';
import {
  createLogger,
  logErrorTo,
  type Authenticator,
  type HealthChecks,
  type LogError,
} from '@baton/platform';
import type { MessageBus } from '@baton/messaging';
import type { Registry } from 'prom-client';
import type { ConsoleSignIn } from './config/console-sign-in';
import type { SnapshotSource } from './snapshots/snapshot-source';

/** Options of {@link startSocketGateway}. */
export interface SocketGatewayOptions {
  /** HTTP port of the console and the socket; 0 picks a free one. */
  readonly port: number;
  /**
   * Interface to listen on.
   * @default all interfaces
   */
  readonly host?: string;
  /**
   * How socket clients are authenticated at the handshake (DESIGN §6): the engine's settings.
   * Required: a gateway runs open only when given `noAuthentication` (AUTH_MODE=none) explicitly.
   */
  readonly authenticator: Authenticator;
  /** The bus the engine publishes `baton.instance.events.v1` on. The gateway does not close it. */
  readonly bus: MessageBus;
  /** Current states for subscribe answers and resyncs. */
  readonly snapshots: SnapshotSource;
  /** The engine's REST API; `/v2/*` is proxied there. */
  readonly engineUrl: string;
  /**
   * Environment prefix of the topic names.
   * @default ''
   */
  readonly topicPrefix?: string;
  /**
   * This replica's id; its consumer group is `baton-socket-gateway-<replicaId>`, so that every
   * replica sees every event.
   * @default 'gateway-' + a random UUID
   */
  readonly replicaId?: string;
  /**
   * Build and serve the web console at `/`.
   * @default true
   */
  readonly serveConsole?: boolean;
  /**
   * The OpenID provider the console signs users in at (AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID…),
   * told to it at `/console-config.json`.
   * @default none: with authentication on, the console asks for a pasted token (development)
   */
  readonly consoleSignIn?: ConsoleSignIn;
  /**
   * Updates queued for one client before it counts as too slow and gets a resync instead.
   * @default 256
   */
  readonly maxQueuedUpdates?: number;
  /**
   * Updates handed to a client's connection while it has not drained (beyond them, updates wait
   * in the client's queue).
   * @default 16
   */
  readonly maxUnflushedPackets?: number;
  /**
   * Most snapshots in a subscribe answer by process id, and in one resync.
   * @default 100
   */
  readonly snapshotLimit?: number;
  /**
   * Most updates (across all instances) kept for clients that resume after a dropped connection.
   * @default 10_000
   */
  readonly resumeMaxUpdates?: number;
  /**
   * How long an update is kept for clients that resume; a client away longer gets a snapshot.
   * @default 300_000 (five minutes)
   */
  readonly resumeWindowMs?: number;
  /**
   * Where operational errors go; lines about an instance carry its processInstanceKey and the
   * traceparent of its event.
   * @default JSON lines on stdout (createLogger({ service: 'socket-gateway', replicaId }))
   */
  readonly logError?: LogError;
  /**
   * What `GET /health/ready` checks, e.g. that Kafka answers.
   * @default {} (ready once listening)
   */
  readonly readinessChecks?: HealthChecks;
  /**
   * Served at `GET /metrics`.
   * @default none: no `/metrics`
   */
  readonly metricsRegistry?: Registry;
}

export type SocketGatewayOptionsWithDefaults = Required<
  Omit<SocketGatewayOptions, 'host' | 'metricsRegistry' | 'consoleSignIn'>
> &
  Pick<SocketGatewayOptions, 'host' | 'metricsRegistry' | 'consoleSignIn'>;

export function withDefaults(options: SocketGatewayOptions): SocketGatewayOptionsWithDefaults {
  const replicaId = options.replicaId ?? `gateway-${randomUUID()}`;
  return {
    ...options,
    topicPrefix: options.topicPrefix ?? '',
    replicaId,
    serveConsole: options.serveConsole ?? true,
    maxQueuedUpdates: options.maxQueuedUpdates ?? 256,
    maxUnflushedPackets: options.maxUnflushedPackets ?? 16,
    snapshotLimit: options.snapshotLimit ?? 100,
    resumeMaxUpdates: options.resumeMaxUpdates ?? 10_000,
    resumeWindowMs: options.resumeWindowMs ?? 300_000,
    readinessChecks: options.readinessChecks ?? {},
    logError: options.logError ?? logErrorTo(createLogger({ service: 'socket-gateway', replicaId })),
  };
}
