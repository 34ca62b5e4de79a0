// Hostile JSON requests (issue 19 items 4–6): each answers a clean 4xx problem (or is served
// normally), never a 5xx, while GET /v2/topology keeps answering within its budget.
import { gzipSync } from 'node:zlib';
import { serviceTaskProcess, uniqueName } from '@baton/testing';
import { deployProcess } from '../support/rest-scenario-steps';
import {
  expectCleanProblem,
  rawAnswer,
  reportHostileStats,
  startHostileHarness,
  topologyBudgetMs,
  whileProbingTopology,
  type HostileHarness,
  type RawAnswer,
} from './hostile-harness';

let harness: HostileHarness;
beforeAll(async () => {
  harness = await startHostileHarness();
});
afterAll(async () => {
  reportHostileStats('requests');
  await harness.close();
});

/** Sends a raw body (text or bytes) with JSON content type and the given extra headers. */
async function send(
  method: string,
  path: string,
  body?: string | Uint8Array,
  headers: Record<string, string> = {},
): Promise<RawAnswer> {
  const { server } = harness;
  const { value, worstTopologyMs } = await whileProbingTopology(server, async () =>
    rawAnswer(
      await fetch(server.baseUrl + path, {
        method,
        headers: { ...server.authHeaders, 'content-type': 'application/json', ...headers },
        body,
      }),
    ),
  );
  expect(worstTopologyMs).toBeLessThan(topologyBudgetMs);
  return value;
}

describe('malformed percent-encoding in a path key', () => {
  it('answers 400 on every route with a key in its path', async () => {
    const document = JSON.parse((await send('GET', '/v2/openapi.json')).text);
    const operations = Object.entries(document.paths as Record<string, Record<string, unknown>>)
      .filter(([path]) => path.includes('{'))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method, path })));
    expect(operations.length).toBeGreaterThanOrEqual(20);
    for (const { method, path } of operations) {
      const hostile = path.replace(/\{[^}]+\}/g, '%ZZ');
      const body = method === 'get' ? undefined : '{}';
      const problem = expectCleanProblem(await send(method.toUpperCase(), hostile, body), 400);
      expect(problem.detail).toContain('percent-encoding');
    }
  });

  it('answers 400 to a lone % and to an encoded byte that is not UTF-8', async () => {
    expectCleanProblem(await send('GET', '/v2/process-instances/%'), 400);
    expectCleanProblem(await send('GET', '/v2/process-instances/%C3%28'), 400);
  });
});

describe('content encodings', () => {
  const search = '/v2/process-instances/search';

  it.each(['gzip', 'deflate', 'br'])('answers 400 to a body that is not the %s it says', async (encoding) => {
    const problem = expectCleanProblem(
      await send('POST', search, '{"filter":{}}', { 'content-encoding': encoding }),
      400,
    );
    expect(problem.detail).toContain('Content-Encoding');
  });

  it('answers 400 to an encoding it does not know, and serves real gzip', async () => {
    expectCleanProblem(await send('POST', search, '{}', { 'content-encoding': 'x-hostile' }), 400);
    const served = await send('POST', search, gzipSync('{"filter":{}}'), { 'content-encoding': 'gzip' });
    expect(served.status).toBe(200);
  });

  it('answers 413 to a gzip bomb: 1 KiB that inflates past the body limit', async () => {
    const bomb = gzipSync(`{"variables":{"a":"${'a'.repeat(50 * 1024 * 1024)}"}}`);
    expect(bomb.length).toBeLessThan(100 * 1024);
    const problem = expectCleanProblem(
      await send('POST', '/v2/process-instances', bomb, { 'content-encoding': 'gzip' }),
      413,
    );
    expect(problem.detail).toContain('limit of 1048576 bytes');
  });
});

describe('JSON nesting', () => {
  const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

  it.each([
    ['POST', '/v2/process-instances', (v: string) => `{"processDefinitionId":"p","variables":{"a":${v}}}`],
    [
      'POST',
      '/v2/messages/publication',
      (v: string) => `{"name":"m","correlationKey":"k","variables":{"a":${v}}}`,
    ],
    [
      'POST',
      '/v2/messages/correlation',
      (v: string) => `{"name":"m","correlationKey":"k","variables":{"a":${v}}}`,
    ],
    ['POST', '/v2/jobs/1/completion', (v: string) => `{"variables":{"a":${v}}}`],
    ['PUT', '/v2/element-instances/1/variables', (v: string) => `{"variables":{"a":${v}}}`],
    ['POST', '/v2/user-tasks/1/completion', (v: string) => `{"variables":{"a":${v}}}`],
  ])('%s %s: 5,000 levels in variables is 400 naming the limit', async (method, path, body) => {
    const problem = expectCleanProblem(await send(method, path, body(deep(5000))), 400);
    expect(problem.detail).toContain('limit of 64 levels');
  });

  it('reads a body nested 500,000 levels (the most 1 MiB holds) and refuses it', async () => {
    expectCleanProblem(await send('POST', '/v2/messages/publication', deep(500_000)), 400);
  });

  it('accepts variables nested up to the limit', async () => {
    const answer = await send(
      'POST',
      '/v2/messages/publication',
      `{"name":"${uniqueName('m')}","correlationKey":"k","variables":{"a":${deep(62)}}}`,
    );
    expect(answer.status).toBe(200);
  });
});

describe('requestTimeout', () => {
  it('answers 400 to a requestTimeout a timer cannot hold (2^31 ms)', async () => {
    const create = expectCleanProblem(
      await send(
        'POST',
        '/v2/process-instances',
        JSON.stringify({ processDefinitionId: 'p', awaitCompletion: true, requestTimeout: 2 ** 31 }),
      ),
      400,
    );
    expect(create.detail).toContain('2147483647');
    const activation = expectCleanProblem(
      await send(
        'POST',
        '/v2/jobs/activation',
        JSON.stringify({ type: 't', timeout: 1000, maxJobsToActivate: 1, requestTimeout: 2 ** 31 }),
      ),
      400,
    );
    expect(activation.detail).toContain('2147483647');
  });
});

describe('bodies that are not JSON, or too big', () => {
  it('answers 400 without quoting the body', async () => {
    const secret = 'x'.repeat(64) + 'SECRET';
    const problem = expectCleanProblem(await send('POST', '/v2/process-instances', `{"a":${secret}`), 400);
    expect(problem.detail).not.toContain('xxxxxxxx');
    expect(problem.detail).not.toContain('SECRET');
  });

  it('answers 413 to a body over 1 MiB', async () => {
    const body = JSON.stringify({ processDefinitionId: 'p', variables: { a: 'a'.repeat(2 * 1024 * 1024) } });
    expectCleanProblem(await send('POST', '/v2/process-instances', body), 413);
  });

  it('answers a validation error with every field, bounded: 10,000 bad sort entries', async () => {
    const sort = Array.from({ length: 10_000 }, () => ({ field: '', order: 'sideways' }));
    const problem = expectCleanProblem(
      await send('POST', '/v2/process-instances/search', JSON.stringify({ sort })),
      400,
    );
    expect(problem.invalidParams.length).toBeLessThanOrEqual(50);
  });
});

describe('unknown request members', () => {
  it('ignores them, as Camunda does and the OpenAPI document says', async () => {
    const processId = uniqueName('unknown-members');
    await deployProcess(harness.server, processId, serviceTaskProcess(processId, uniqueName('job'), {}));
    const answer = await send(
      'POST',
      '/v2/process-instances',
      JSON.stringify({ processDefinitionId: processId, notAField: { nested: true }, another: 1 }),
    );
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text).processDefinitionId).toBe(processId);
  });
});
