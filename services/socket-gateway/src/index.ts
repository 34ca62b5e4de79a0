// The socket gateway: socket.io push of instance states, and the web console.
export { startSocketGateway, type GatewayStats, type RunningSocketGateway } from './gateway';
export type { SocketGatewayOptions } from './gateway-options';
export type { SnapshotSource } from './snapshots/snapshot-source';
export { restSnapshotSource, type RestSnapshotSourceOptions } from './snapshots/rest-snapshot-source';
export * from './config/gateway-config';
export { consoleSignInOf, type ConsoleSignIn } from './config/console-sign-in';
export { startGatewayProcess, type GatewayProcess } from './gateway-process';
export {
  startEmbeddedGateway,
  localUrl,
  type EmbeddedEngine,
  type EmbeddedGatewayOptions,
} from './embedded-gateway';
