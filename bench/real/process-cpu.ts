// CPU time of other processes, read from Linux's /proc: the benchmark's processes (Kafka,
// FerretDB, engine replicas) share the machine's cores, and their CPU seconds over the measured
// window say where the time went. Outside Linux every reading is `undefined`.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

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

/** The fields of a /proc/<pid>/stat line the process-tree reading needs. */
export interface ProcStat {
  readonly parentPid: number;
  /** utime + stime of the process itself (all its threads). */
  readonly ownTicks: number;
  /** cutime + cstime: what its children that exited and were waited for used. */
  readonly reapedChildrenTicks: number;
}

export function parseProcStat(statLine: string): ProcStat {
  const afterName = statLine
    .slice(statLine.lastIndexOf(')') + 1)
    .trim()
    .split(/\s+/);
  const field = (n: number) => Number(afterName[n - 3]);
  return {
    parentPid: field(4),
    ownTicks: parseProcStatTicks(statLine),
    reapedChildrenTicks: field(16) + field(17),
  };
}

/**
 * CPU seconds used so far by a process and all its descendants, including those that have
 * already exited: PostgreSQL serves each connection from a child process of the postmaster, so
 * its own line shows almost nothing. Descendants alive now count with their own time; those
 * gone were reaped by their parent, whose cutime/cstime hold them.
 */
export function readProcessTreeCpuSeconds(rootPid: number): number | undefined {
  const stats = new Map<number, ProcStat>();
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    try {
      stats.set(Number(entry), parseProcStat(readFileSync(`/proc/${entry}/stat`, 'utf8')));
    } catch {
      // Gone between the listing and the read: its time moved to its parent's cutime.
    }
  }
  const root = stats.get(rootPid);
  if (!root) return undefined;
  const children = new Map<number, number[]>();
  for (const [pid, stat] of stats)
    children.set(stat.parentPid, [...(children.get(stat.parentPid) ?? []), pid]);
  let ticks = 0;
  const pending = [rootPid];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    const stat = stats.get(pid);
    if (!stat) continue;
    ticks += stat.ownTicks + stat.reapedChildrenTicks;
    pending.push(...(children.get(pid) ?? []));
  }
  return ticks / clockTicksPerSecond();
}
