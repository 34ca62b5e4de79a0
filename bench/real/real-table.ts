// The Markdown table of the real-infrastructure benchmark, with the run's settings under it.
import { cpus } from 'node:os';
import type { CpuWindowReport } from './cpu-window';
import type { RealBenchOptions } from './options';

export interface RealScenarioOutcome {
  readonly letter: string;
  readonly label: string;
  readonly replicas: number;
  /** Instances created during the measured window. */
  readonly created: number;
  /** Of those, how many were seen COMPLETED (within 30 s after the window). */
  readonly completed: number;
  /** Create requests that failed. */
  readonly errors: number;
  /** Instances created per second during the measured window. */
  readonly createdPerSecond: number;
  /** Instances (of any age) completing per second during the measured window. */
  readonly completedPerSecond: number;
  readonly createP50Ms: number;
  readonly createP99Ms: number;
  readonly completeP50Ms: number;
  readonly completeP99Ms: number;
  /** CPU used by each process during the measured window. */
  readonly cpu: CpuWindowReport;
}

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

export function renderRealTable(outcomes: readonly RealScenarioOutcome[], options: RealBenchOptions): string {
  const rows = outcomes.map(
    (o) =>
      `| ${o.label} | ${o.replicas} | ${Math.round(o.createdPerSecond).toLocaleString('en-US')} | ${Math.round(o.completedPerSecond).toLocaleString('en-US')} | ${fixed(o.createP50Ms)} | ${fixed(o.createP99Ms)} | ${fixed(o.completeP50Ms)} | ${fixed(o.completeP99Ms)} | ${o.completed}/${o.created} | ${o.errors} |`,
  );
  return [
    '| Scenario (Kafka + FerretDB) | Replicas | Created inst/s | Completed inst/s | Create p50 ms | Create p99 ms | Start→complete p50 ms | Start→complete p99 ms | Completed/created | Errors |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `Sustained ${options.durationSeconds} s after ${options.warmupSeconds} s of warm-up, at most ${options.concurrency} create requests in flight over HTTP`,
    `and at most ${options.inFlight} instances in flight (created, not yet seen COMPLETED on the instance-events topic),`,
    `on ${cpus().length} CPU cores shared by Kafka, FerretDB, the engine replicas and this driver (which also runs the Kafka job worker).`,
    'For scale: Zeebe publishes about 1,300 instances/s for start → service task → end on one broker with 8 partitions on larger cloud machines;',
    'no Zeebe broker can run on this machine (no container engine), so it is not measured in the same run.',
  ].join('\n');
}

/** Where the CPU went during one scenario's measured window, process by process. */
export function renderCpuTable(outcome: RealScenarioOutcome): string {
  const { wallSeconds, machineCores, processes } = outcome.cpu;
  const rows = processes.map((entry) =>
    entry.cpuSeconds === null || entry.cores === null || entry.shareOfMachine === null
      ? `| ${entry.process} | n/a | n/a |`
      : `| ${entry.process} | ${fixed(entry.cpuSeconds, 2)} | ${fixed(entry.cores, 2)} cores (${Math.round(100 * entry.shareOfMachine)} %) |`,
  );
  return [
    `CPU during the measured window of ${outcome.label}: ${fixed(wallSeconds)} s wall time × ${machineCores} cores`,
    '',
    '| Process | CPU s in window | Cores in use (share of the machine) |',
    '|---|---:|---:|',
    ...rows,
  ].join('\n');
}
