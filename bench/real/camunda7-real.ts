// Camunda 7's side of `npm run bench -- --real`: the Java harness on PostgreSQL (started by
// infra/up.sh like Kafka and FerretDB), the same scenarios, the same warm-up and measured window
// and the same load as Baton. The harness marks its measured window on stderr; the CPU of the JVM
// and of PostgreSQL (the postmaster and every backend it forked) is read between the marks.
import path from 'node:path';
import { runCamunda7, type Camunda7Run } from '../peer-camunda7';
import type { Scenario } from '../scenarios';
import {
  processById,
  processTreeByPidFile,
  startCpuWindow,
  wholeMachine,
  withRestOfMachine,
  type CpuWindowReport,
} from './cpu-window';
import type { RealBenchOptions } from './options';
import type { Camunda7RealOutcome } from './real-outcome';
import { restOfMachineName, wholeMachineName } from './baton-real';

export const camunda7JvmName = 'Camunda 7 (JVM: engine, workers, driver)';
export const postgresName = 'PostgreSQL (all backends)';

/** Where PostgreSQL is: what infra/with-infra.sh exports, or infra/up.sh's defaults. */
function postgresDatabase() {
  return {
    url: process.env['POSTGRES_JDBC_URL'] ?? 'jdbc:postgresql://127.0.0.1:5432/camunda7',
    user: process.env['POSTGRES_USER'] ?? 'baton',
    password: process.env['POSTGRES_PASSWORD'] ?? 'baton',
  };
}

export interface Camunda7RealRun {
  readonly setup?: Camunda7Run['setup'];
  readonly outcomes: Readonly<Record<string, Camunda7RealOutcome>>;
}

/** Runs every scenario on Camunda 7 + PostgreSQL in one JVM (a fresh engine and schema per scenario). */
export async function runCamunda7Real(
  scenarios: readonly Scenario[],
  options: RealBenchOptions,
): Promise<Camunda7RealRun> {
  const letters = scenarios.map((scenario) => scenario.letter);
  let jvmPid: number | undefined;
  const windows = new Map<string, { finish(): CpuWindowReport }>();
  const reports = new Map<string, CpuWindowReport>();
  try {
    const run = await runCamunda7({
      scenarios: letters,
      database: { postgres: postgresDatabase() },
      history: options.camunda7History,
      load: options.load,
      measure: { warmupSeconds: options.warmupSeconds, durationSeconds: options.durationSeconds },
      onStart: (pid) => (jvmPid = pid),
      onWindow: (event, letter) => {
        if (event === 'start' && jvmPid !== undefined) {
          windows.set(
            letter,
            startCpuWindow([
              processById(camunda7JvmName, jvmPid),
              processTreeByPidFile(postgresName, path.resolve('.infra/run/postgres.pid')),
              wholeMachine(wholeMachineName),
            ]),
          );
        } else if (event === 'end') {
          const window = windows.get(letter);
          if (window)
            reports.set(letter, withRestOfMachine(window.finish(), wholeMachineName, restOfMachineName));
        }
      },
    });
    const outcomes: Record<string, Camunda7RealOutcome> = {};
    for (const letter of letters) {
      const outcome = run.outcomes[letter];
      const cpu = reports.get(letter);
      if (!outcome) outcomes[letter] = { ok: false, error: 'the harness reported nothing for this scenario' };
      else if (!outcome.ok) outcomes[letter] = outcome;
      else if (!cpu) outcomes[letter] = { ok: false, error: 'the harness never marked its measured window' };
      else
        outcomes[letter] = {
          ok: true,
          created: outcome.created ?? outcome.instances,
          completed: outcome.completed ?? outcome.instances,
          completedInWindow: Math.round(outcome.instancesPerSecond * options.durationSeconds),
          completedPerSecond: outcome.instancesPerSecond,
          completeP50Ms: outcome.p50Ms,
          completeP99Ms: outcome.p99Ms,
          wrongResults: outcome.wrongResults,
          ...(outcome.firstWrongResult === undefined ? {} : { firstWrongResult: outcome.firstWrongResult }),
          cpu,
        };
    }
    return { setup: run.setup, outcomes };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { outcomes: Object.fromEntries(letters.map((letter) => [letter, { ok: false, error: message }])) };
  }
}
