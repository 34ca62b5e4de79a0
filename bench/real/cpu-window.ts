// Where the CPU went during a measured window: each watched process's CPU seconds between two
// samples, as cores in use and as a share of the machine's wall time × cores.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { readMachineBusyCpuSeconds, readProcessCpuSeconds, readProcessTreeCpuSeconds } from './process-cpu';

/** A process (or group) whose cumulative CPU seconds can be read at any time. */
export interface WatchedProcess {
  readonly name: string;
  /** Cumulative CPU seconds so far; `undefined` when it cannot be read (process gone, no /proc). */
  readCpuSeconds(): number | undefined;
}

/** One process's CPU use over the window; `null` where it could not be read at both ends. */
export interface ProcessCpuUse {
  readonly process: string;
  readonly cpuSeconds: number | null;
  /** CPU seconds per wall second: 1.0 is one core busy all window long. */
  readonly cores: number | null;
  /** `cores` over the machine's core count: the share of all the CPU there was. */
  readonly shareOfMachine: number | null;
}

export interface CpuWindowReport {
  readonly wallSeconds: number;
  readonly machineCores: number;
  readonly processes: readonly ProcessCpuUse[];
}

/** A process by its id. */
export function processById(name: string, pid: number): WatchedProcess {
  return { name, readCpuSeconds: () => readProcessCpuSeconds(pid) };
}

/** A process by the pid file it wrote (infra/up.sh keeps them in .infra/run/); read once, now. */
export function processByPidFile(name: string, pidFile: string): WatchedProcess {
  const pid = readPidFile(pidFile);
  return { name, readCpuSeconds: () => (pid === undefined ? undefined : readProcessCpuSeconds(pid)) };
}

function readPidFile(pidFile: string): number | undefined {
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** A process and every process it started (PostgreSQL's backends), by the pid file of the root. */
export function processTreeByPidFile(name: string, pidFile: string): WatchedProcess {
  const pid = readPidFile(pidFile);
  return { name, readCpuSeconds: () => (pid === undefined ? undefined : readProcessTreeCpuSeconds(pid)) };
}

/** This process, from Node's own accounting (all threads). */
export function currentProcess(name: string): WatchedProcess {
  return {
    name,
    readCpuSeconds: () => {
      const usage = process.cpuUsage();
      return (usage.user + usage.system) / 1e6;
    },
  };
}

/** Every process on the machine, ours and anyone else's. */
export function wholeMachine(name: string): WatchedProcess {
  return { name, readCpuSeconds: readMachineBusyCpuSeconds };
}

/** Samples every process now; `finish()` samples again and reports the difference. */
export function startCpuWindow(watched: readonly WatchedProcess[]): { finish(): CpuWindowReport } {
  const startedAt = performance.now();
  const atStart = watched.map((entry) => entry.readCpuSeconds());
  return {
    finish: () => {
      const atEnd = watched.map((entry) => entry.readCpuSeconds());
      const wallSeconds = (performance.now() - startedAt) / 1000;
      const machineCores = cpus().length;
      const processes = watched.map((entry, index): ProcessCpuUse => {
        const start = atStart[index];
        const end = atEnd[index];
        if (start === undefined || end === undefined || wallSeconds <= 0)
          return { process: entry.name, cpuSeconds: null, cores: null, shareOfMachine: null };
        const cpuSeconds = end - start;
        const cores = cpuSeconds / wallSeconds;
        return { process: entry.name, cpuSeconds, cores, shareOfMachine: cores / machineCores };
      });
      return { wallSeconds, machineCores, processes };
    },
  };
}

/**
 * Adds a row for the CPU the machine used beyond the named processes (other processes, the
 * kernel): `machine` is the whole-machine row's name, `rest` the new row's.
 */
export function withRestOfMachine(report: CpuWindowReport, machine: string, rest: string): CpuWindowReport {
  const machineRow = report.processes.find((entry) => entry.process === machine);
  const others = report.processes.filter((entry) => entry.process !== machine);
  if (!machineRow || machineRow.cpuSeconds === null || others.some((entry) => entry.cpuSeconds === null))
    return report;
  const restSeconds = machineRow.cpuSeconds - others.reduce((sum, entry) => sum + entry.cpuSeconds!, 0);
  const cores = restSeconds / report.wallSeconds;
  return {
    ...report,
    processes: [
      ...others,
      { process: rest, cpuSeconds: restSeconds, cores, shareOfMachine: cores / report.machineCores },
      machineRow,
    ],
  };
}
