// `npm run bench`: Baton's embedded engine (in-process, no HTTP) against the npm package
// bpmn-engine on the same example files and Camunda 7 (on in-memory H2) on their Camunda 7
// flavour, each engine in a process of its own. Prints a Markdown table, or with `--json` one
// JSON object with every figure and nothing else on stdout (progress goes to stderr). Exits 1
// when an engine failed a scenario, completed nothing or gave a wrong result.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { describeLoad } from './load';
import { parseBenchOptions, type BenchOptions, type EngineName } from './options';
import { runPhaseAndAnswer, runPhaseInChild, type PhaseResult } from './phases';
import {
  outcomeProblem,
  peerRatios,
  type BenchReport,
  type EngineOutcome,
  type ScenarioReport,
} from './report';
import { loadScenarios } from './scenarios';
import { renderTable } from './table';

function describeRun(options: BenchOptions): string[] {
  const notes = [
    "Each engine runs in a fresh process of its own (Node for Baton and bpmn-engine, a JVM for Camunda 7), one after the other, so none inherits another's heap or JIT state.",
    'CPU ms/inst is the process CPU time (all threads) per measured instance; on a shared machine it moves less than inst/s.',
    'By default each engine first runs as many warm-up instances as it then measures, so that all are measured with their code optimised by V8 or the JVM.',
    `Latency runs from an instance's start (its due time under --rate) to its completion; load: ${describeLoad(options.load)}.`,
    'Baton: a fresh createEngineRuntime() per scenario, driven in-process (no HTTP); createInstance with awaitCompletion; 2 activate/complete loops per job type (maxJobsToActivate 32); one "user" loop searching CREATED user tasks and completing them.',
    'bpmn-engine: XML parsed and serialised once (sourceContext); a new Engine per instance with a silent Logger; zeebe:taskDefinition bound to the same in-process workers by an `extensions` hook (zeebe:ioMapping evaluated with feelin); `=` conditions evaluated with feelin; user tasks signalled as soon as they wait.',
    'Camunda 7: the engine library in a JVM of its own (bench/peers/camunda7/), in-memory H2, job executor on, a fresh engine per scenario; the same processes with external tasks worked by 2 fetchAndLock/complete loops per topic (32 tasks per fetch), `${total > 100}`, one loop querying and completing user tasks; an instance counts as complete when the transaction holding its end commits.',
  ];
  if (options.peerInstances !== options.instances) {
    notes.push(
      `bpmn-engine ran ${options.peerInstances} instances per scenario instead of ${options.instances}, because it is slow (--peer-instances sets it).`,
    );
  }
  return notes;
}

/** bpmn-engine's exports map hides its package.json from require(); read the file itself. */
function bpmnEngineVersion(): string {
  const file = join(process.cwd(), 'node_modules/bpmn-engine/package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const scenarios = loadScenarios().filter((scenario) => options.scenarios.includes(scenario.letter));

  if (options.phase) {
    if (options.phase === 'camunda7') throw new Error('--phase=camunda7: Camunda 7 runs in its own JVM');
    await runPhaseAndAnswer(options.phase, scenarios, options);
    return;
  }

  const phases: Partial<Record<EngineName, PhaseResult>> = {};
  for (const engine of options.engines) phases[engine] = await runPhaseInChild(engine, options);

  const notRun: EngineOutcome = { ok: false, error: 'not run (--engines)' };
  const reports: ScenarioReport[] = scenarios.map((scenario) => {
    const baton = phases.baton?.outcomes[scenario.letter] ?? notRun;
    const bpmnEngine = phases['bpmn-engine']?.outcomes[scenario.letter] ?? notRun;
    const camunda7 = phases.camunda7?.outcomes[scenario.letter] ?? notRun;
    return {
      letter: scenario.letter,
      label: scenario.label,
      processId: scenario.processId,
      baton,
      bpmnEngine,
      camunda7,
      ratios: { bpmnEngine: peerRatios(baton, bpmnEngine), camunda7: peerRatios(baton, camunda7) },
    };
  });

  const camunda7Setup = phases.camunda7?.camunda7;
  const report: BenchReport = {
    date: new Date().toISOString(),
    nodeVersion: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpuCount: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    bpmnEngineVersion: bpmnEngineVersion(),
    ...(camunda7Setup ? { camunda7: camunda7Setup } : {}),
    smoke: options.smoke,
    instances: options.instances,
    peerInstances: options.peerInstances,
    camunda7Instances: options.camunda7Instances,
    warmupInstances: options.warmupInstances,
    peerWarmupInstances: options.peerWarmupInstances,
    camunda7WarmupInstances: options.camunda7WarmupInstances,
    load: options.load,
    scenarios: reports,
    notes: describeRun(options),
  };
  process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : `${renderTable(report)}\n`);
  const ran = (engine: EngineName) => options.engines.includes(engine);
  const failed = reports.some((scenario) =>
    (
      [
        ['baton', scenario.baton],
        ['bpmn-engine', scenario.bpmnEngine],
        ['camunda7', scenario.camunda7],
      ] as const
    ).some(([engine, outcome]) => ran(engine) && outcomeProblem(outcome) !== undefined),
  );
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
