// The standalone's services in the test process: the embedded engine runtime, its REST API and
// the embedded gateway, each on a free port of the loopback interface.
import {
  createEngineRuntime,
  startHttpServer,
  type EngineRuntime,
  type RunningHttpServer,
} from '@baton/engine';
import { localUrl, startEmbeddedGateway } from '../embedded-gateway';
import type { RunningSocketGateway } from '../gateway';

export interface InProcessStack {
  readonly engine: EngineRuntime;
  readonly rest: RunningHttpServer;
  readonly gateway: RunningSocketGateway;
  readonly engineUrl: string;
  readonly gatewayUrl: string;
  close(): Promise<void>;
}

export async function startInProcessStack(options: { serveConsole?: boolean } = {}): Promise<InProcessStack> {
  const engine = await createEngineRuntime();
  const rest = await startHttpServer(engine, { port: 0, host: '127.0.0.1', shutdownGraceMs: 500 });
  const engineUrl = localUrl('127.0.0.1', rest.port);
  const gateway = await startEmbeddedGateway({
    engine,
    engineUrl,
    port: 0,
    host: '127.0.0.1',
    serveConsole: options.serveConsole ?? false,
  });
  return {
    engine,
    rest,
    gateway,
    engineUrl,
    gatewayUrl: localUrl('127.0.0.1', gateway.port),
    close: async () => {
      await gateway.close();
      await rest.close();
      await engine.close();
    },
  };
}
