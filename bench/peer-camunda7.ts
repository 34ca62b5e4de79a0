// The Camunda 7 peer: a Java harness of our own (bench/peers/camunda7/) that runs the same three
// scenarios on the Camunda 7 engine with Camunda 7 flavoured BPMN (external tasks worked by
// in-process fetchAndLock/complete loops, `${total > 100}`, a loop completing the user task).
// It runs in a JVM of its own, built by Maven on first use, and answers one JSON object on
// stdout; its logs come on stderr, where it also marks the measured window of a timed run.
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Load } from './load';
import type { Camunda7Setup, EngineOutcome } from './report';

/** A JDBC database the harness runs Camunda 7 on. */
export interface JdbcDatabase {
  readonly url: string;
  readonly user: string;
  readonly password: string;
}

export interface Camunda7RunOptions {
  readonly scenarios: readonly string[];
  /** In-memory H2 (the embedded comparison) or PostgreSQL (the real one). */
  readonly database: 'h2' | { readonly postgres: JdbcDatabase };
  readonly history: 'none' | 'full';
  readonly load: Load;
  /** Count-based: warm-up then measured instances. Or time-based: seconds of each. */
  readonly measure:
    | { readonly instances: number; readonly warmupInstances: number }
    | { readonly warmupSeconds: number; readonly durationSeconds: number };
  /** Called with the JVM's pid once it runs. */
  readonly onStart?: (pid: number) => void;
  /** Called when a timed run's measured window of a scenario starts and ends. */
  readonly onWindow?: (event: 'start' | 'end', scenario: string) => void;
}

/** A Camunda 7 outcome: the common figures plus how many measured instances were started and completed. */
export type Camunda7Outcome = EngineOutcome & { readonly created?: number; readonly completed?: number };

export interface Camunda7Run {
  readonly setup: Camunda7Setup;
  readonly outcomes: Readonly<Record<string, Camunda7Outcome>>;
}

const harnessScript = path.resolve('bench/peers/camunda7/run.sh');
const bpmnDir = path.resolve('bench/peers/camunda7/bpmn');

function harnessArguments(options: Camunda7RunOptions): string[] {
  const args = [
    '--scenarios',
    options.scenarios.join(','),
    '--bpmn-dir',
    bpmnDir,
    '--history',
    options.history,
  ];
  if (options.database === 'h2') args.push('--database', 'h2');
  else {
    const { url, user, password } = options.database.postgres;
    args.push('--database', 'postgres', '--jdbc-url', url, '--jdbc-user', user, '--jdbc-password', password);
  }
  if (options.load.kind === 'rate') args.push('--rate', String(options.load.instancesPerSecond));
  else args.push('--concurrency', String(options.load.concurrency));
  const measure = options.measure;
  if ('instances' in measure)
    args.push('--instances', String(measure.instances), '--warmup', String(measure.warmupInstances));
  else
    args.push(
      '--warmup-seconds',
      String(measure.warmupSeconds),
      '--duration-seconds',
      String(measure.durationSeconds),
    );
  return args;
}

function parseRun(stdout: string): Camunda7Run {
  const answer = JSON.parse(stdout) as {
    engine?: unknown;
    engineVersion?: unknown;
    database?: unknown;
    history?: unknown;
    javaVersion?: unknown;
    scenarios?: unknown;
  };
  if (answer.engine !== 'camunda7' || typeof answer.scenarios !== 'object' || answer.scenarios === null)
    throw new Error(`the Camunda 7 harness answered something else: ${stdout.slice(0, 200)}`);
  return {
    setup: {
      engineVersion: String(answer.engineVersion),
      database: String(answer.database),
      history: String(answer.history),
      javaVersion: String(answer.javaVersion),
    },
    outcomes: answer.scenarios as Record<string, Camunda7Outcome>,
  };
}

const windowMarker = /^BENCH-WINDOW (start|end) (\S+)$/;

/** Runs the harness (building it first if needed) and reads its one JSON answer. */
export function runCamunda7(options: Camunda7RunOptions): Promise<Camunda7Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [harnessScript, ...harnessArguments(options)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (child.pid !== undefined) options.onStart?.(child.pid);
    let stdout = '';
    let pendingLine = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (pendingLine + chunk).split('\n');
      pendingLine = lines.pop() ?? '';
      for (const line of lines) {
        const marker = windowMarker.exec(line);
        if (marker) options.onWindow?.(marker[1] as 'start' | 'end', marker[2]!);
        else process.stderr.write(`[camunda7] ${line}\n`);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (pendingLine) process.stderr.write(`[camunda7] ${pendingLine}\n`);
      if (code !== 0) return reject(new Error(`the Camunda 7 harness exited with code ${String(code)}`));
      try {
        resolve(parseRun(stdout));
      } catch (error) {
        reject(new Error(`the Camunda 7 harness printed no valid JSON: ${String(error)}`));
      }
    });
  });
}
