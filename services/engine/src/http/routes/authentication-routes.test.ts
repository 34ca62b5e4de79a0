// GET /v2/authentication/me: the subject and roles the engine reads from the caller's token (the
// console decides from them which operator actions to offer), and the unrestricted caller of
// AUTH_MODE=none.
import { createAuthenticator, OPERATOR_ROLE, WORKER_ROLE } from '@baton/platform';
import { currentUserSchema } from '@baton/contracts';
import { testToken } from '@baton/testing';
import { createEngineRuntime, type EngineRuntime } from '../../engine-runtime';
import { startTestServer, type TestServer } from '../../../test/support/test-support';

let engine: EngineRuntime;
let server: TestServer;

beforeAll(async () => {
  engine = await createEngineRuntime();
  server = await startTestServer(engine);
});
afterAll(async () => {
  await server.close();
  await engine.close();
});

async function me(token: string | null) {
  const answer = await server.call('GET', '/v2/authentication/me', undefined, { token });
  return {
    status: answer.status,
    user: answer.status === 200 ? currentUserSchema.parse(answer.body) : undefined,
  };
}

it('answers the subject and the roles of the token, whatever roles it holds', async () => {
  const operator = await me(await testToken([OPERATOR_ROLE], { subject: 'olga' }));
  expect(operator).toEqual({
    status: 200,
    user: expect.objectContaining({ username: 'olga', roles: [OPERATOR_ROLE], canLogout: true }),
  });
  const worker = await me(await testToken([WORKER_ROLE, 'sales'], { subject: 'will' }));
  expect(worker.user).toMatchObject({ username: 'will', roles: [WORKER_ROLE, 'sales'] });
  expect((await me(await testToken([], { subject: 'nobody' }))).user?.roles).toEqual([]);
});

it('answers 401 without a token', async () => {
  expect((await me(null)).status).toBe(401);
});

it('answers the anonymous caller with every role when the server runs open (AUTH_MODE=none)', async () => {
  const open = await startTestServer(engine, { authenticator: createAuthenticator({ mode: 'none' }) });
  try {
    const answer = await open.call('GET', '/v2/authentication/me');
    expect(answer.status).toBe(200);
    expect(currentUserSchema.parse(answer.body)).toMatchObject({
      username: 'anonymous',
      roles: [OPERATOR_ROLE, WORKER_ROLE],
      canLogout: false,
    });
  } finally {
    await open.close();
  }
});
