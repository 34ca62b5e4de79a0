// The standalone's services in the test process: the embedded engine runtime, its REST API and
// the embedded gateway, each on a free port of the loopback interface, wired as main.ts wires them.
import {
  createEngineRuntime,
  startHttpServer,
  type EngineRuntime,
  type RunningHttpServer,
} from '@baton/engine';
import { createAuthenticator, type Authenticator } from '@baton/platform';
import { testAuthenticator, testToken } from '@baton/testing';
import {
  localUrl,
  startEmbeddedGateway,
  type ConsoleSignIn,
  type RunningSocketGateway,
} from '@baton/socket-gateway';
import { engineSnapshotSource } from '../src/engine-snapshot-source';

export interface InProcessStack {
  readonly engine: EngineRuntime;
  readonly rest: RunningHttpServer;
  readonly gateway: RunningSocketGateway;
  readonly engineUrl: string;
  readonly gatewayUrl: string;
  /** `authorization: Bearer <operator token>` for REST calls (auth is on unless `authMode: 'none'`). */
  readonly authHeaders: Readonly<Record<string, string>>;
  /** Suspends or activates an instance as an operator would, over REST; the answer's status. */
  setSuspended(processInstanceKey: string, suspended: boolean): Promise<number>;
  close(): Promise<void>;
}

export interface InProcessStackOptions {
  /** @default false */
  readonly serveConsole?: boolean;
  /**
   * `'none'`: REST and socket open, as `AUTH_MODE=none` configures them.
   * @default 'jwt' (the test authenticator)
   */
  readonly authMode?: 'jwt' | 'none';
  /**
   * How REST calls and socket handshakes are authenticated, e.g. against an OpenID provider
   * (`authHeaders` then carry a token it does not accept).
   * @default the test authenticator, or none with `authMode: 'none'`
   */
  readonly authenticator?: Authenticator;
  /** The OpenID provider the console signs in at. @default none: a pasted token */
  readonly consoleSignIn?: ConsoleSignIn;
}

export async function startInProcessStack(options: InProcessStackOptions = {}): Promise<InProcessStack> {
  const engine = await createEngineRuntime();
  const authenticator =
    options.authenticator ??
    (options.authMode === 'none' ? createAuthenticator({ mode: 'none' }) : testAuthenticator());
  const rest = await startHttpServer(engine, {
    port: 0,
    host: '127.0.0.1',
    shutdownGraceMs: 500,
    authenticator,
  });
  const engineUrl = localUrl('127.0.0.1', rest.port);
  const gateway = await startEmbeddedGateway({
    engine,
    snapshots: engineSnapshotSource(engine),
    engineUrl,
    port: 0,
    host: '127.0.0.1',
    serveConsole: options.serveConsole ?? false,
    authenticator,
    ...(options.consoleSignIn ? { consoleSignIn: options.consoleSignIn } : {}),
  });
  const authHeaders = { authorization: `Bearer ${await testToken()}` };
  return {
    engine,
    rest,
    gateway,
    engineUrl,
    gatewayUrl: localUrl('127.0.0.1', gateway.port),
    authHeaders,
    setSuspended: async (processInstanceKey, suspended) => {
      const response = await fetch(`${engineUrl}/v2/process-instances/${processInstanceKey}/suspension`, {
        method: 'PUT',
        headers: { ...authHeaders, 'content-type': 'application/json' },
        body: JSON.stringify({ suspended }),
      });
      return response.status;
    },
    close: async () => {
      await gateway.close();
      await rest.close();
      await engine.close();
    },
  };
}
