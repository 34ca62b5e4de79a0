// `npm run bench`: Baton's embedded engine (in-process, no HTTP) against the npm package
// bpmn-engine on the same example files, each engine in a process of its own. Prints a
// Markdown table, or with `--json` one JSON object with every figure and nothing else on
// stdout (progress goes to stderr).
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseBenchOptions, type BenchOptions } from './options';
import { runPhase, runPhaseInChild, type PhaseOutcomes } from './phases';
import type { BenchReport, EngineOutcome, ScenarioReport } from './report';
import { loadScenarios } from './scenarios';
import { renderTable } from './table';

function ratio(baton: EngineOutcome, peer: EngineOutcome): number | undefined {
  if (!baton.ok || !peer.ok || peer.instancesPerSecond === 0) return undefined;
  return baton.instancesPerSecond / peer.instancesPerSecond;
}

function describeRun(options: BenchOptions): string[] {
  const notes = [
    "Each engine runs in a fresh Node process of its own, one after the other, so neither inherits the other's heap or JIT state.",
    'CPU ms/inst is the process CPU time (all threads) per measured instance; on a shared machine it moves less than inst/s.',
    'By default each engine first runs as many warm-up instances as it then measures, so that both are measured with the code V8 has optimised (a short warm-up measures the faster engine mostly before V8 has optimised it).',
    'bpmn-engine: XML parsed and serialised once (sourceContext); a new Engine per instance with a silent Logger; zeebe:taskDefinition bound to the same in-process workers by an `extensions` hook (zeebe:ioMapping evaluated with feelin); `=` conditions evaluated with feelin; user tasks signalled as soon as they wait.',
    'Baton: a fresh createEngineRuntime() per scenario, driven in-process (no HTTP); createInstance with awaitCompletion; 2 activate/complete loops per job type (maxJobsToActivate 32); one "user" loop searching CREATED user tasks and completing them.',
  ];
  if (options.peerInstances !== options.instances) {
    notes.push(
      `bpmn-engine ran ${options.peerInstances} instances per scenario instead of ${options.instances}, because it is slow (--peer-instances sets it).`,
    );
  }
  return notes;
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const scenarios = loadScenarios().filter((scenario) => options.scenarios.includes(scenario.letter));

  if (options.phase) {
    process.stdout.write(`${JSON.stringify(await runPhase(options.phase, scenarios, options))}\n`);
    return;
  }

  const outcomes: Partial<Record<'baton' | 'bpmn-engine', PhaseOutcomes>> = {};
  for (const engine of options.engines) outcomes[engine] = await runPhaseInChild(engine, options);

  const notRun: EngineOutcome = { ok: false, error: 'not run (--engines)' };
  const reports: ScenarioReport[] = scenarios.map((scenario) => {
    const baton = outcomes.baton?.[scenario.letter] ?? notRun;
    const bpmnEngine = outcomes['bpmn-engine']?.[scenario.letter] ?? notRun;
    const throughputRatio = ratio(baton, bpmnEngine);
    const cpuCostRatio =
      baton.ok && bpmnEngine.ok && baton.cpuMsPerInstance > 0
        ? bpmnEngine.cpuMsPerInstance / baton.cpuMsPerInstance
        : undefined;
    return {
      label: scenario.label,
      processId: scenario.processId,
      baton,
      bpmnEngine,
      ...(throughputRatio === undefined ? {} : { throughputRatio }),
      ...(cpuCostRatio === undefined ? {} : { cpuCostRatio }),
    };
  });

  // bpmn-engine's exports map hides its package.json from require(); read the file itself.
  const bpmnEnginePackage = JSON.parse(
    readFileSync(join(process.cwd(), 'node_modules/bpmn-engine/package.json'), 'utf8'),
  ) as { version: string };
  const report: BenchReport = {
    nodeVersion: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpuCount: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    bpmnEngineVersion: bpmnEnginePackage.version,
    instances: options.instances,
    peerInstances: options.peerInstances,
    warmupInstances: options.warmupInstances,
    peerWarmupInstances: options.peerWarmupInstances,
    concurrency: options.concurrency,
    scenarios: reports,
    notes: describeRun(options),
  };
  process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : `${renderTable(report)}\n`);
  const wrong = reports.some((scenario) =>
    [scenario.baton, scenario.bpmnEngine].some((outcome) => outcome.ok && outcome.wrongResults > 0),
  );
  if (wrong) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
