// A hostile `$like` search (issue 19 item 2): `*a*a*a*b` on a long run of `a`s froze the server
// for 51 s at 650 characters. Now it answers at once, and an over-long pattern is refused.
import { serviceTaskProcess, uniqueName } from '@baton/testing';
import { deployProcess, startInstanceOf } from '../support/rest-scenario-steps';
import {
  expectCleanProblem,
  rawAnswer,
  reportHostileStats,
  startHostileHarness,
  topologyBudgetMs,
  whileProbingTopology,
  type HostileHarness,
} from './hostile-harness';

let harness: HostileHarness;
beforeAll(async () => {
  harness = await startHostileHarness();
});
afterAll(async () => {
  reportHostileStats('search');
  await harness.close();
});

async function search(like: string) {
  const { server } = harness;
  const { value, worstTopologyMs } = await whileProbingTopology(server, async () =>
    rawAnswer(
      await fetch(`${server.baseUrl}/v2/process-instances/search`, {
        method: 'POST',
        headers: { ...server.authHeaders, 'content-type': 'application/json' },
        body: JSON.stringify({ filter: { variables: [{ name: 's', value: { $like: like } }] } }),
      }),
    ),
  );
  expect(worstTopologyMs).toBeLessThan(topologyBudgetMs);
  return value;
}

it.each([650, 500_000])('answers `*a*a*a*b` on a variable of %i `a`s at once', async (length) => {
  const processId = uniqueName('like');
  await deployProcess(harness.server, processId, serviceTaskProcess(processId, uniqueName('job'), {}));
  const processInstanceKey = await startInstanceOf(harness.server, processId, { s: 'a'.repeat(length) });
  const hostile = await search('*a*a*a*a*a*a*a*b');
  expect(hostile.status).toBe(200);
  expect(JSON.parse(hostile.text).items).toEqual([]);
  const matching = JSON.parse((await search('"a*a*a*a"')).text);
  expect(matching.items.map((item: { processInstanceKey: string }) => item.processInstanceKey)).toContain(
    processInstanceKey,
  );
});

it('refuses a pattern over 256 characters, naming the limit', async () => {
  const problem = expectCleanProblem(await search('*a'.repeat(200)), 400);
  expect(problem.detail).toContain('256');
});
