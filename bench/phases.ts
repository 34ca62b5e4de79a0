// One engine's half of the benchmark, run in a process of its own: V8 showed bpmn-engine
// three times slower when it ran after Baton in the same process (type feedback and heap
// shaped by the other engine), so each engine gets a fresh process and the parent merges.
// A phase child answers on file descriptor 3, a pipe of its own: its stdout carries whatever
// the engine logs (the parent passes it on to stderr), so a log line can never break the answer.
import { spawn } from 'node:child_process';
import { writeSync } from 'node:fs';
import { createEngineRuntime } from '@baton/engine';
import { startBatonProcess } from './baton-runner';
import { measure } from './measure';
import { phaseArguments, type BenchOptions, type EngineName } from './options';
import { runCamunda7, type Camunda7Run } from './peer-camunda7';
import { createBpmnEnginePeer } from './peer-bpmn-engine';
import type { EngineOutcome } from './report';
import type { Scenario } from './scenarios';

/** Outcomes of one engine, by scenario letter. */
export type PhaseOutcomes = Record<string, EngineOutcome>;

/** The file descriptor a phase child writes its JSON answer to. */
const answerFd = 3;

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
        { instances: options.instances, warmupInstances: options.warmupInstances, load: options.load },
      );
      await batonProcess.stop();
    } finally {
      await runtime.close();
    }
  }
  return outcomes;
}

async function runBpmnEnginePhase(
  scenarios: readonly Scenario[],
  options: BenchOptions,
): Promise<PhaseOutcomes> {
  const outcomes: PhaseOutcomes = {};
  for (const scenario of scenarios) {
    progress(`bpmn-engine: ${scenario.label} …`);
    const peer = await createBpmnEnginePeer(scenario);
    outcomes[scenario.letter] = await measure(scenario, (variables) => peer.runInstance(variables), {
      instances: options.peerInstances,
      warmupInstances: options.peerWarmupInstances,
      load: options.load,
    });
  }
  return outcomes;
}

/** Runs one Node engine's phase in this process and writes its outcomes to the parent's answer pipe. */
export async function runPhaseAndAnswer(
  engine: Exclude<EngineName, 'camunda7'>,
  scenarios: readonly Scenario[],
  options: BenchOptions,
): Promise<void> {
  const outcomes =
    engine === 'baton'
      ? await runBatonPhase(scenarios, options)
      : await runBpmnEnginePhase(scenarios, options);
  writeSync(answerFd, `${JSON.stringify(outcomes)}\n`);
}

/** Runs one Node engine's phase in a child process (this same script with `--phase`) and reads its answer. */
function runNodePhaseInChild(
  engine: Exclude<EngineName, 'camunda7'>,
  options: BenchOptions,
): Promise<PhaseOutcomes> {
  const script = process.argv[1];
  if (script === undefined) return Promise.reject(new Error('cannot find the benchmark script to re-run'));
  return new Promise((resolve, reject) => {
    // execArgv carries tsx's loader flags, so the child runs TypeScript the same way. The child's
    // stdout (engine logs) goes to our stderr; its answer comes on its fd 3.
    const child = spawn(process.execPath, [...process.execArgv, script, ...phaseArguments(options, engine)], {
      stdio: ['ignore', 2, 'inherit', 'pipe'],
    });
    const answerPipe = child.stdio[answerFd];
    if (!answerPipe || !('setEncoding' in answerPipe))
      return reject(new Error('no answer pipe to the phase child'));
    let answer = '';
    answerPipe.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`the ${engine} phase exited with code ${String(code)}`));
      try {
        resolve(JSON.parse(answer) as PhaseOutcomes);
      } catch (error) {
        reject(new Error(`the ${engine} phase answered no JSON: ${String(error)}`));
      }
    });
  });
}

/** Camunda 7 on in-memory H2 with the job executor on, in its own JVM. */
function runCamunda7Phase(options: BenchOptions): Promise<Camunda7Run> {
  progress(`Camunda 7 (${options.camunda7History} history): scenarios ${options.scenarios.join(', ')} …`);
  return runCamunda7({
    scenarios: options.scenarios,
    database: 'h2',
    history: options.camunda7History,
    load: options.load,
    measure: { instances: options.camunda7Instances, warmupInstances: options.camunda7WarmupInstances },
  });
}

/** What one engine's phase gave: its outcomes, or the error that stopped it (counted as every scenario failing). */
export interface PhaseResult {
  readonly outcomes: PhaseOutcomes;
  readonly camunda7?: Camunda7Run['setup'];
}

/** Runs one engine's phase in a process of its own; a failed phase becomes failed outcomes, not a throw. */
export async function runPhaseInChild(engine: EngineName, options: BenchOptions): Promise<PhaseResult> {
  try {
    if (engine !== 'camunda7') return { outcomes: await runNodePhaseInChild(engine, options) };
    const run = await runCamunda7Phase(options);
    return { outcomes: run.outcomes, camunda7: run.setup };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    progress(`${engine}: ${message}`);
    return {
      outcomes: Object.fromEntries(
        options.scenarios.map((letter) => [letter, { ok: false, error: message }]),
      ),
    };
  }
}
