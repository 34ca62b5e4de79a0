// `npm run bench`: Baton's embedded engine (in-process, no HTTP) against the npm package
// bpmn-engine on the same example files. Prints a Markdown table, or with `--json` one JSON
// object with every figure and nothing else on stdout (progress goes to stderr).
import { cpus } from 'node:os';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createEngineRuntime } from '@baton/engine';
import { startBatonProcess } from './baton-runner';
import { measure } from './measure';
import { createBpmnEnginePeer } from './peer-bpmn-engine';
import type { BenchReport, EngineOutcome, ScenarioReport } from './report';
import { loadScenarios } from './scenarios';
import { renderTable } from './table';

const { values: flags } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    instances: { type: 'string', default: '2000' },
    'peer-instances': { type: 'string' },
    warmup: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '200' },
    /** Comma-separated scenario letters to run, e.g. `b` or `a,c` (for profiling one of them). */
    scenarios: { type: 'string', default: 'a,b,c' },
    /** Comma-separated engines to run: `baton`, `bpmn-engine`. */
    engines: { type: 'string', default: 'baton,bpmn-engine' },
  },
});

function positiveInteger(name: string, text: string | undefined): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a non-negative integer, got ${String(text)}`);
  return value;
}

const instances = positiveInteger('instances', flags.instances);
const peerInstances = positiveInteger('peer-instances', flags['peer-instances'] ?? flags.instances);
const warmupInstances = positiveInteger('warmup', flags.warmup);
const concurrency = Math.max(1, positiveInteger('concurrency', flags.concurrency));
const progress = (message: string): void => void process.stderr.write(`${message}\n`);

function ratio(baton: EngineOutcome, peer: EngineOutcome): number | undefined {
  if (!baton.ok || !peer.ok || peer.instancesPerSecond === 0) return undefined;
  return baton.instancesPerSecond / peer.instancesPerSecond;
}

async function main(): Promise<void> {
  const scenarios = loadScenarios();
  const notes: string[] = [
    'bpmn-engine: XML parsed and serialised once (sourceContext); a new Engine per instance; zeebe:taskDefinition bound to the same in-process workers by an `extensions` hook (ioMapping evaluated with feelin); `=` conditions evaluated with feelin; user tasks signalled on `wait`.',
    'Baton: createEngineRuntime() in-process; createInstance with awaitCompletion; 2 activate/complete loops per job type (maxJobsToActivate 32); a user loop searching CREATED user tasks and completing them.',
  ];
  if (peerInstances !== instances) notes.push(`bpmn-engine ran ${peerInstances} instances per scenario instead of ${instances}.`);

  const engines = new Set(flags.engines.split(','));
  const wantedScenarios = new Set(flags.scenarios.split(','));
  const runtime = engines.has('baton') ? await createEngineRuntime() : undefined;
  const notRun: EngineOutcome = { ok: false, error: 'not run (--engines)' };

  const reports: ScenarioReport[] = [];
  for (const scenario of scenarios.filter((candidate) => wantedScenarios.has(candidate.letter))) {
    let baton: EngineOutcome = notRun;
    if (runtime) {
      progress(`Baton: ${scenario.label} …`);
      const batonProcess = await startBatonProcess(runtime, scenario);
      baton = await measure(scenario, (variables) => batonProcess.runInstance(variables), { instances, warmupInstances, concurrency });
      await batonProcess.stop();
    }
    let bpmnEngine: EngineOutcome = notRun;
    if (engines.has('bpmn-engine')) {
      progress(`bpmn-engine: ${scenario.label} …`);
      const peer = await createBpmnEnginePeer(scenario);
      bpmnEngine = await measure(scenario, (variables) => peer.runInstance(variables), { instances: peerInstances, warmupInstances, concurrency });
    }
    const throughputRatio = ratio(baton, bpmnEngine);
    reports.push({ label: scenario.label, processId: scenario.processId, baton, bpmnEngine, ...(throughputRatio === undefined ? {} : { throughputRatio }) });
  }
  await runtime?.close();

  // bpmn-engine's exports map hides its package.json from require(); read the file itself.
  const bpmnEnginePackage = JSON.parse(readFileSync(join(process.cwd(), 'node_modules/bpmn-engine/package.json'), 'utf8')) as { version: string };
  const report: BenchReport = {
    nodeVersion: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpuCount: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    bpmnEngineVersion: bpmnEnginePackage.version,
    instances,
    peerInstances,
    warmupInstances,
    concurrency,
    scenarios: reports,
    notes,
  };
  process.stdout.write(flags.json ? `${JSON.stringify(report)}\n` : `${renderTable(report)}\n`);
  const broken = reports.some((scenario) => [scenario.baton, scenario.bpmnEngine].some((outcome) => outcome.ok && outcome.wrongResults > 0));
  if (broken) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
