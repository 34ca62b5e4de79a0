// Every route of the route table × every kind of caller (DESIGN §6): no token, a malformed token,
// a bad signature and an expired token are 401 with `WWW-Authenticate: Bearer`; a valid token
// without the route's role is 403; the right role passes. Routes added later are covered by
// iterating the table, so a new route cannot skip authentication unnoticed.
import {
  createAuthenticator,
  OPERATOR_ROLE,
  signToken,
  WORKER_ROLE,
  type RouteAccess,
} from '@baton/platform';
import { testAuthenticator, testToken } from '@baton/testing';
import { createEngineRuntime, type EngineRuntime } from '../engine-runtime';
import { withDefaults } from './options';
import type { RouteDefinition } from './route-table';
import { httpRoutes } from './routes';
import { startTestServer, type JsonBody, type TestServer } from '../../test/support/test-support';

let engine: EngineRuntime;
let server: TestServer;
let routes: RouteDefinition[];
const tokens: Record<'noRoles' | 'worker' | 'operator' | 'badSignature' | 'expired', string> = {
  noRoles: '',
  worker: '',
  operator: '',
  badSignature: '',
  expired: '',
};

beforeAll(async () => {
  // The clock routes answer 403 while ENGINE_CLOCK_CONTROL is off (as Zeebe's clock endpoint does
  // without zeebe.clock.controlled); on, a 403 here can only mean a missing role.
  engine = await createEngineRuntime({ clockControl: true });
  server = await startTestServer(engine, { defaultJobPollTimeoutMs: 50 });
  routes = httpRoutes(engine, withDefaults({ authenticator: testAuthenticator() }));
  tokens.noRoles = await testToken([]);
  tokens.worker = await testToken([WORKER_ROLE]);
  tokens.operator = await testToken([OPERATOR_ROLE]);
  tokens.badSignature = await signToken('another-secret-another-secret-another-secret', {
    subject: 'intruder',
    roles: [OPERATOR_ROLE],
  });
  tokens.expired = await testToken([OPERATOR_ROLE], { expiresInSeconds: -60 });
});
afterAll(async () => {
  await server.close();
  await engine.close();
});

/** A concrete URL of the route: every path parameter is a well-formed key nobody has. */
const urlOf = (route: RouteDefinition) => route.path.replace(/:[A-Za-z0-9_]+/g, '2251799813685249');

function callRoute(route: RouteDefinition, token: string | null) {
  return server.call(route.method.toUpperCase(), urlOf(route), route.body ? {} : undefined, { token });
}

function expectProblem(answer: { status: number; contentType: string; body: JsonBody }, status: number) {
  expect({ status: answer.status, title: answer.body?.title }).toEqual({
    status,
    title: status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN',
  });
  expect(answer.contentType).toContain('application/problem+json');
}

/** The token of a caller holding exactly what the access level asks for. */
const rightToken = (access: RouteAccess) =>
  access === 'operator' ? tokens.operator : access === 'worker' ? tokens.worker : tokens.noRoles;

it('gives every route an access level', () => {
  expect(routes.length).toBeGreaterThan(25);
  for (const route of routes) {
    expect(['public', 'authenticated', 'worker', 'operator']).toContain(route.access);
  }
  // Everything that changes the engine's state is guarded.
  const guarded = routes.filter((route) => route.method !== 'get');
  for (const route of guarded) expect(`${route.method} ${route.path} ${route.access}`).not.toMatch(/public$/);
});

describe.each([
  ['no token', () => null, 'Authentication required'],
  ['a malformed token', () => 'not-a-jwt', 'malformed'],
  ['a token with a bad signature', () => tokens.badSignature, 'signature'],
  ['an expired token', () => tokens.expired, 'expired'],
])('with %s', (_case, token, detail) => {
  it('answers every guarded route 401 with WWW-Authenticate: Bearer', async () => {
    for (const route of routes.filter((candidate) => candidate.access !== 'public')) {
      const answer = await callRoute(route, token());
      expectProblem(answer, 401);
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer realm="baton"/);
      expect(answer.body.detail).toContain(detail);
    }
  });
});

it('lets the public routes answer without a token', async () => {
  const publicRoutes = routes.filter((route) => route.access === 'public');
  expect(publicRoutes.map((route) => route.path).sort()).toEqual(['/health', '/v2/openapi.json']);
  for (const route of publicRoutes) expect((await callRoute(route, null)).status).toBe(200);
});

it('answers 403 to a valid token without the role the route needs', async () => {
  for (const route of routes.filter((candidate) => candidate.access === 'worker')) {
    const answer = await callRoute(route, tokens.noRoles);
    expectProblem(answer, 403);
    expect(answer.body.detail).toContain(`needs the role ${WORKER_ROLE} or ${OPERATOR_ROLE}`);
  }
  for (const route of routes.filter((candidate) => candidate.access === 'operator')) {
    for (const token of [tokens.noRoles, tokens.worker]) {
      const answer = await callRoute(route, token);
      expectProblem(answer, 403);
      expect(answer.body.detail).toContain(`needs the role ${OPERATOR_ROLE}`);
    }
  }
});

it('lets a token with the right role through to the route (whatever the route then answers)', async () => {
  for (const route of routes) {
    for (const token of [rightToken(route.access), tokens.operator]) {
      const answer = await callRoute(route, token);
      expect(`${route.method} ${route.path} → ${answer.status}`).not.toMatch(/→ 40[13]$/);
    }
  }
});

it('declares the bearer scheme in the OpenAPI document, and each route as guarded or open', async () => {
  const document: JsonBody = (await server.call('GET', '/v2/openapi.json', undefined, { token: null })).body;
  expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  expect(document.security).toEqual([{ bearerAuth: [] }]);
  for (const route of routes) {
    const operation = document.paths[route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')][route.method];
    if (route.access === 'public') expect(operation.security).toEqual([]);
    else expect(operation.responses['401']).toBeDefined();
  }
});

it('runs open only when told so explicitly (AUTH_MODE=none)', async () => {
  const open = await startTestServer(engine, { authenticator: createAuthenticator({ mode: 'none' }) });
  try {
    expect(open.token).toBeUndefined();
    expect((await open.call('GET', '/v2/topology')).status).toBe(200);
  } finally {
    await open.close();
  }
});
