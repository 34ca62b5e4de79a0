// CPU time of other processes, read from Linux's /proc: the benchmark's processes (Kafka,
// FerretDB, engine replicas) share the machine's cores, and their CPU seconds over the measured
// window say where the time went. Outside Linux every reading is `undefined`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let cachedClockTicks: number | undefined;

/** Clock ticks per second of /proc's time fields (`getconf CLK_TCK`, 100 on practically every Linux). */
export function clockTicksPerSecond(): number {
  if (cachedClockTicks === undefined) {
    try {
      const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
      cachedClockTicks = Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
    } catch {
      cachedClockTicks = 100;
    }
  }
  return cachedClockTicks;
}

/**
 * User + system CPU ticks (all threads) from the text of /proc/<pid>/stat. The command name in
 * field 2 is in parentheses and may itself hold spaces and parentheses, so fields are counted
 * from the last `)`: utime and stime are fields 14 and 15 of the line.
 */
export function parseProcStatTicks(statLine: string): number {
  const afterName = statLine
    .slice(statLine.lastIndexOf(')') + 1)
    .trim()
    .split(/\s+/);
  // afterName[0] is field 3 (state), so field n is afterName[n - 3].
  const utime = Number(afterName[14 - 3]);
  const stime = Number(afterName[15 - 3]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime))
    throw new Error(`not a /proc/<pid>/stat line: ${statLine.slice(0, 80)}`);
  return utime + stime;
}

/** CPU seconds (user + system, all threads) the process has used so far; `undefined` when it is gone or /proc is missing. */
export function readProcessCpuSeconds(pid: number): number | undefined {
  let statLine: string;
  try {
    statLine = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  return parseProcStatTicks(statLine) / clockTicksPerSecond();
}

/**
 * Busy CPU seconds of the whole machine (every core, every process) from the first line of
 * /proc/stat: all time except idle and iowait. Shows whether the cores were saturated, by the
 * benchmark or by anyone else.
 */
export function readMachineBusyCpuSeconds(): number | undefined {
  let firstLine: string | undefined;
  try {
    firstLine = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
  } catch {
    return undefined;
  }
  if (!firstLine?.startsWith('cpu ')) return undefined;
  // user nice system idle iowait irq softirq (guest time is already counted in user; steal is the hypervisor's).
  const [user, nice, system, , , irq, softirq] = firstLine.trim().split(/\s+/).slice(1, 8).map(Number);
  const busyTicks = [user, nice, system, irq, softirq].reduce<number>((sum, value) => sum + (value ?? 0), 0);
  return busyTicks / clockTicksPerSecond();
}
