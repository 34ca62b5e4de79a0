// `npm run bench -- --real --smoke`: every scenario on Baton (engine replica processes on the
// real Kafka and FerretDB) and on Camunda 7 (PostgreSQL), a few seconds each, inside the
// integration suite's infrastructure. It checks that the real benchmark still works end to end
// (instances created and completed on both engines, the replicas' database statements counted, one
// valid JSON object on stdout, the run's topics and database removed afterwards); it asserts no speed.
import type { RealScenarioReport } from '../real/real-outcome';
import { onlyJsonObject, runBench } from './run-bench';

jest.setTimeout(600_000);

it('runs every scenario on Baton and Camunda 7 and prints one JSON object on stdout', async () => {
  const run = await runBench(['--real', '--smoke', '--json'], 540_000);
  if (run.exitCode !== 0)
    throw new Error(`bench exited ${String(run.exitCode)}:\n${run.stderr.slice(-4000)}`);
  const answer = onlyJsonObject(run) as { camunda7?: { database: string }; scenarios: RealScenarioReport[] };
  expect(answer.camunda7?.database).toBe('postgres');
  expect(answer.scenarios.map((scenario) => scenario.letter)).toEqual(['a', 'b', 'c']);
  for (const scenario of answer.scenarios) {
    for (const outcome of [scenario.baton, scenario.camunda7]) {
      expect(outcome).toMatchObject({ ok: true });
      if (!outcome?.ok) continue;
      expect(outcome.created).toBeGreaterThan(0);
      expect(outcome.completed).toBe(outcome.created);
      expect(outcome.completedPerSecond).toBeGreaterThan(0);
    }
    // The replicas' MongoDB commands in the window, from their /metrics: present and plausible, not fast.
    const statements = scenario.baton?.ok ? scenario.baton.dbStatements : undefined;
    expect(statements?.perInstance).toEqual(expect.any(Number));
    expect(Number.isFinite(statements?.perInstance)).toBe(true);
    expect(statements?.perInstance).toBeGreaterThan(0);
    expect(statements?.byCommand.length).toBeGreaterThan(0);
    expect(scenario.camunda7).toMatchObject({ wrongResults: 0 });
    // No create, and in (c) no user task search or completion, failed.
    expect(scenario.baton).toMatchObject({ errors: 0 });
    // The run's topics and database are gone, so repeated runs do not pile them up.
    expect(scenario.baton).toMatchObject({ leftBehind: { topics: 0, database: false } });
  }
});
