// Helpers for the REST API tests: a real server on port 0, JSON calls with real `fetch`, and an
// engine stand-in for the tests of the HTTP layer alone (errors, limits, OpenAPI), whose every
// operation fails unless the test supplies it.
/* eslint-disable @typescript-eslint/no-unsafe-assignment -- JSON answers are JsonBody (any) by design */
import { BatonError } from '@baton/contracts';
import type { Authenticator } from '@baton/platform';
import { testAuthenticator, testToken } from '@baton/testing';
import type { EngineService } from '../../src/engine-service';
import { startHttpServer, type HttpServerOptions, type RunningHttpServer } from '../../src/http/server';

/** A parsed JSON answer: tests read it freely and check it with their assertions and the contract schemas. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonBody = any;

export interface TestServer extends RunningHttpServer {
  readonly baseUrl: string;
  /** The bearer token `call` sends unless told otherwise: an operator's by default. */
  readonly token: string | undefined;
  /** `{ authorization: 'Bearer …' }` with {@link token}, for raw `fetch` calls. */
  readonly authHeaders: Readonly<Record<string, string>>;
  /**
   * Sends a JSON body (or none) and reads the answer as JSON when there is one; `token` overrides
   * the server's token (`null`: send none).
   */
  call(
    method: string,
    path: string,
    body?: unknown,
    options?: { readonly token?: string | null },
  ): Promise<{ status: number; contentType: string; body: JsonBody; headers: Headers }>;
}

export interface TestServerOptions extends Omit<HttpServerOptions, 'port' | 'authenticator'> {
  /**
   * @default authentication ON with {@link testAuthSecret}; pass `noAuthentication` to test without
   */
  readonly authenticator?: Authenticator;
  /** @default an operator token signed with {@link testAuthSecret} (none when auth is off) */
  readonly token?: string;
}

export async function startTestServer(
  engine: EngineService,
  options: TestServerOptions = {},
): Promise<TestServer> {
  const { token: givenToken, authenticator = testAuthenticator(), ...serverOptions } = options;
  const server = await startHttpServer(engine, {
    port: 0,
    host: '127.0.0.1',
    shutdownGraceMs: 500,
    authenticator,
    ...serverOptions,
  });
  const token = givenToken ?? (authenticator.mode === 'none' ? undefined : await testToken());
  const authHeaders = bearerHeaders(token);
  const baseUrl = `http://127.0.0.1:${server.port}`;
  return {
    ...server,
    baseUrl,
    token,
    authHeaders,
    call: async (method, path, body, callOptions = {}) => {
      const sent = callOptions.token === undefined ? token : (callOptions.token ?? undefined);
      const response = await fetch(baseUrl + path, {
        method,
        headers: {
          ...bearerHeaders(sent),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      const contentType = response.headers.get('content-type') ?? '';
      return {
        status: response.status,
        contentType,
        headers: response.headers,
        body: text === '' ? undefined : contentType.includes('json') ? JSON.parse(text) : text,
      };
    },
  };
}

/** `{ authorization: 'Bearer <token>' }`, or nothing without a token. */
export function bearerHeaders(token: string | undefined): Record<string, string> {
  return token === undefined ? {} : { authorization: `Bearer ${token}` };
}

/** An engine whose operations throw INTERNAL unless overridden: for tests of the HTTP layer only. */
export function engineStandIn(overrides: Partial<EngineService> = {}): EngineService {
  const unexpected = (name: string) => () => {
    throw new BatonError('INTERNAL', `${name} was not expected in this test`);
  };
  const names: (keyof EngineService)[] = [
    'topology',
    'deploy',
    'getDefinition',
    'listDefinitions',
    'createInstance',
    'getInstance',
    'searchInstances',
    'cancelInstance',
    'activateJobs',
    'completeJob',
    'failJob',
    'throwJobError',
    'searchUserTasks',
    'completeUserTask',
    'assignUserTask',
    'publishMessage',
    'correlateMessage',
    'close',
  ];
  return {
    ...Object.fromEntries(names.map((name) => [name, overrides[name] ?? unexpected(name)])),
    // Every route asks it first: a stand-in answered no create ahead.
    earlierCreatesStored: overrides.earlierCreatesStored ?? (() => Promise.resolve()),
  } as unknown as EngineService;
}

/** A multipart body with the given file parts. */
export function multipartForm(parts: readonly { field: string; name: string; content: string }[]): FormData {
  const form = new FormData();
  for (const part of parts)
    form.append(part.field, new Blob([part.content], { type: 'application/xml' }), part.name);
  return form;
}

/** Deploys BPMN documents through the REST API and returns the parsed answer. */
export async function deployThroughApi(
  server: TestServer,
  resources: readonly { name: string; content: string }[],
): Promise<{ status: number; body: JsonBody }> {
  const response = await fetch(`${server.baseUrl}/v2/deployments`, {
    method: 'POST',
    headers: server.authHeaders,
    body: multipartForm(resources.map((resource) => ({ field: 'resources', ...resource }))),
  });
  return { status: response.status, body: (await response.json()) as JsonBody };
}
