// `npm run bench -- --smoke`: every scenario on Baton, bpmn-engine and Camunda 7, a handful of
// instances each. A check that the benchmark still works (so a published figure stays
// reproducible), not a timing assertion: no speed is asserted, only that every engine completed
// every measured instance with the right result and the answer is one valid JSON object.
import type { BenchReport, EngineOutcome } from '../report';
import { onlyJsonObject, runBench } from './run-bench';

// First use builds the Camunda 7 harness with Maven (npm test builds it beforehand).
jest.setTimeout(600_000);

function expectCompletedEverything(outcome: EngineOutcome, measured: number): void {
  expect(outcome).toMatchObject({ ok: true, instances: measured, wrongResults: 0 });
  if (outcome.ok) expect(outcome.instancesPerSecond).toBeGreaterThan(0);
}

it('runs every scenario on every engine and prints one JSON object on stdout', async () => {
  const run = await runBench(['--smoke', '--json'], 540_000);
  if (run.exitCode !== 0)
    throw new Error(`bench exited ${String(run.exitCode)}:\n${run.stderr.slice(-4000)}`);
  const report = onlyJsonObject(run) as unknown as BenchReport;
  expect(report.smoke).toBe(true);
  expect(report.camunda7).toMatchObject({ engineVersion: expect.stringMatching(/^7\./), database: 'h2' });
  expect(report.scenarios.map((scenario) => scenario.letter)).toEqual(['a', 'b', 'c']);
  for (const scenario of report.scenarios) {
    expectCompletedEverything(scenario.baton, report.instances);
    expectCompletedEverything(scenario.bpmnEngine, report.peerInstances);
    expectCompletedEverything(scenario.camunda7, report.camunda7Instances);
    expect(scenario.ratios.bpmnEngine.throughput).toBeGreaterThan(0);
    expect(scenario.ratios.camunda7.throughput).toBeGreaterThan(0);
  }
});

it('prints the table without --json, and refuses an unknown scenario with a message', async () => {
  const table = await runBench(['--smoke', '--engines', 'baton', '--scenario', 'b'], 120_000);
  expect(table.exitCode).toBe(0);
  expect(table.stdout).toMatch(/^\| scenario \| engine \|/);
  expect(table.stdout).toContain('| (b) service task | Baton (embedded) |');

  const refused = await runBench(['--smoke', '--scenario', 'z'], 60_000);
  expect(refused.exitCode).toBe(1);
  expect(refused.stdout).toBe('');
  expect(refused.stderr).toContain('unknown scenario z');
});

it('measures socket latency (--socket) and prints one JSON object with every update received', async () => {
  const run = await runBench(['--socket', '--seconds', '1', '--rate', '50', '--json'], 120_000);
  if (run.exitCode !== 0)
    throw new Error(`bench exited ${String(run.exitCode)}:\n${run.stderr.slice(-4000)}`);
  const answer = onlyJsonObject(run);
  expect(answer).toMatchObject({ instances: 50, receivedPerClient: 50 });
  expect(answer.p99Ms).toEqual(expect.any(Number));
});
