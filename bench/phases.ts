// One engine's half of the benchmark, run in a process of its own: V8 showed bpmn-engine
// three times slower when it ran after Baton in the same process (type feedback and heap
// shaped by the other engine), so each engine gets a fresh process and the parent merges.
import { spawn } from 'node:child_process';
import { createEngineRuntime } from '@baton/engine';
import { startBatonProcess } from './baton-runner';
import { measure } from './measure';
import { phaseArguments, type BenchOptions, type EngineName } from './options';
import { createBpmnEnginePeer } from './peer-bpmn-engine';
import type { EngineOutcome } from './report';
import type { Scenario } from './scenarios';

/** Outcomes of one engine, by scenario letter. */
export type PhaseOutcomes = Record<string, EngineOutcome>;

const progress = (message: string): void => void process.stderr.write(`${message}\n`);

/** Runs the scenarios on Baton, each on a fresh runtime closed afterwards. */
async function runBatonPhase(scenarios: readonly Scenario[], options: BenchOptions): Promise<PhaseOutcomes> {
  const outcomes: PhaseOutcomes = {};
  for (const scenario of scenarios) {
    progress(`Baton: ${scenario.label} …`);
    const runtime = await createEngineRuntime();
    try {
      const batonProcess = await startBatonProcess(runtime, scenario);
      outcomes[scenario.letter] = await measure(
        scenario,
        (variables) => batonProcess.runInstance(variables),
        {
          instances: options.instances,
          warmupInstances: options.warmupInstances,
          concurrency: options.concurrency,
        },
      );
      await batonProcess.stop();
    } finally {
      await runtime.close();
    }
  }
  return outcomes;
}

async function runPeerPhase(scenarios: readonly Scenario[], options: BenchOptions): Promise<PhaseOutcomes> {
  const outcomes: PhaseOutcomes = {};
  for (const scenario of scenarios) {
    progress(`bpmn-engine: ${scenario.label} …`);
    const peer = await createBpmnEnginePeer(scenario);
    outcomes[scenario.letter] = await measure(scenario, (variables) => peer.runInstance(variables), {
      instances: options.peerInstances,
      warmupInstances: options.peerWarmupInstances,
      concurrency: options.concurrency,
    });
  }
  return outcomes;
}

/** Runs one engine's phase in this process. */
export function runPhase(
  engine: EngineName,
  scenarios: readonly Scenario[],
  options: BenchOptions,
): Promise<PhaseOutcomes> {
  return engine === 'baton' ? runBatonPhase(scenarios, options) : runPeerPhase(scenarios, options);
}

/** Runs one engine's phase in a child process (this same script with `--phase`) and reads its JSON answer. */
export function runPhaseInChild(engine: EngineName, options: BenchOptions): Promise<PhaseOutcomes> {
  const script = process.argv[1];
  if (script === undefined) return Promise.reject(new Error('cannot find the benchmark script to re-run'));
  return new Promise((resolve, reject) => {
    // execArgv carries tsx's loader flags, so the child runs TypeScript the same way.
    const child = spawn(process.execPath, [...process.execArgv, script, ...phaseArguments(options, engine)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`the ${engine} phase exited with code ${String(code)}`));
      try {
        resolve(JSON.parse(stdout) as PhaseOutcomes);
      } catch (error) {
        reject(new Error(`the ${engine} phase printed no JSON: ${String(error)}`));
      }
    });
  });
}
