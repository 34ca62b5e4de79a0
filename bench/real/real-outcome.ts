// What the real-infrastructure benchmark measured per scenario and engine: the same measures for
// Baton (Kafka + FerretDB) and Camunda 7 (PostgreSQL), and the CPU each process used in the window.
import type { CpuWindowReport } from './cpu-window';
import type { DbStatementsReport } from './db-statements';
import type { LeftBehind } from './run-data';

interface WindowFigures {
  /** Instances started during the measured window. */
  readonly created: number;
  /** Of those, how many were seen completed (within 30 s after the window). */
  readonly completed: number;
  /** Instances (of any age) that completed inside the window. */
  readonly completedInWindow: number;
  /** Instances (of any age) completing per second during the measured window. */
  readonly completedPerSecond: number;
  readonly completeP50Ms: number;
  readonly completeP99Ms: number;
  /** CPU used by each process during the measured window. */
  readonly cpu: CpuWindowReport;
}

export type BatonRealOutcome =
  | (WindowFigures & {
      readonly ok: true;
      /** Create requests that failed, and the first one's reason. */
      readonly errors: number;
      readonly firstError?: string;
      /** Instances created per second during the measured window. */
      readonly createdPerSecond: number;
      readonly createP50Ms: number;
      readonly createP99Ms: number;
      /**
       * MongoDB commands the replicas sent in the measured window, in all, per instance completed
       * in it and per command name; `null` when their counters could not be read.
       */
      readonly dbStatements: DbStatementsReport | null;
      /** What the run's topics and database left behind after their removal; null if it failed. */
      readonly leftBehind: LeftBehind | null;
    })
  | { readonly ok: false; readonly error: string };

export type Camunda7RealOutcome =
  | (WindowFigures & { readonly ok: true; readonly wrongResults: number; readonly firstWrongResult?: string })
  | { readonly ok: false; readonly error: string };

export interface RealScenarioReport {
  readonly letter: string;
  readonly label: string;
  readonly baton?: BatonRealOutcome;
  readonly camunda7?: Camunda7RealOutcome;
}

/** Why an outcome does not count (failed, or nothing completed); `undefined` when it is sound. */
export function realOutcomeProblem(outcome: BatonRealOutcome | Camunda7RealOutcome): string | undefined {
  if (!outcome.ok) return outcome.error;
  if (outcome.created === 0) return 'created no instance in the measured window';
  if (outcome.completed === 0) return 'completed no instance';
  if ('wrongResults' in outcome && outcome.wrongResults > 0)
    return `${outcome.wrongResults} wrong results, first: ${outcome.firstWrongResult ?? ''}`;
  return undefined;
}

/**
 * CPU ms per instance completed in the window of the processes whose name starts with `prefix`
 * (summed: several replicas); `null` when none could be read.
 */
export function cpuMsPerInstance(
  cpu: CpuWindowReport,
  prefix: string,
  completedInWindow: number,
): number | null {
  const rows = cpu.processes.filter((entry) => entry.process.startsWith(prefix));
  if (rows.length === 0 || rows.some((entry) => entry.cpuSeconds === null) || completedInWindow === 0)
    return null;
  return (rows.reduce((sum, entry) => sum + entry.cpuSeconds!, 0) * 1000) / completedInWindow;
}
