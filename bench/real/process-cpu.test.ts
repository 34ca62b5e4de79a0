import { spawn } from 'node:child_process';
import { waitFor } from '@baton/testing';
import {
  parseProcStat,
  parseProcStatTicks,
  readMachineBusyCpuSeconds,
  readProcessCpuSeconds,
  readProcessTreeCpuSeconds,
} from './process-cpu';

/** Spins this process until Node itself says it used `seconds` more CPU time. */
function burnCpu(seconds: number): void {
  const target = process.cpuUsage();
  const used = () => {
    const usage = process.cpuUsage(target);
    return (usage.user + usage.system) / 1e6;
  };
  let sink = 0;
  while (used() < seconds) for (let index = 0; index < 100_000; index++) sink += Math.sqrt(index);
  expect(sink).toBeGreaterThan(0);
}

describe('parseProcStatTicks', () => {
  it('adds utime and stime, counting fields from the last parenthesis of the command name', () => {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime …
    const line = '4242 (a (weird) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 70 5 6 20 0 1 0';
    expect(parseProcStatTicks(line)).toBe(320);
  });

  it('reads the parent pid and the time of reaped children too', () => {
    const line = '4242 (a (weird) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 70 5 6 20 0 1 0';
    expect(parseProcStat(line)).toEqual({ parentPid: 1, ownTicks: 320, reapedChildrenTicks: 11 });
  });

  it('rejects text that is not a stat line', () => {
    expect(() => parseProcStatTicks('hello')).toThrow(/not a \/proc/);
  });
});

const onLinux = process.platform === 'linux';

(onLinux ? describe : describe.skip)('reading /proc', () => {
  it('reads a CPU time of the current process that grows as it computes', () => {
    const before = readProcessCpuSeconds(process.pid)!;
    burnCpu(0.3);
    const after = readProcessCpuSeconds(process.pid)!;
    // Ticks are 10 ms; the burn alone is 300 ms.
    expect(after - before).toBeGreaterThanOrEqual(0.25);
  });

  it('reads the growing CPU time of a busy child process, and nothing once it is gone', async () => {
    const child = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const pid = child.pid!;
    try {
      // spawn() returns after the fork, so the child is already in /proc.
      const first = readProcessCpuSeconds(pid);
      expect(first).toBeDefined();
      await waitFor(() => (readProcessCpuSeconds(pid) ?? 0) >= first! + 0.2, {
        timeoutMs: 20_000,
        description: 'the child to use 200 ms more CPU',
      });
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    expect(readProcessCpuSeconds(pid)).toBeUndefined();
  });

  it('reads the busy CPU time of the whole machine, at least what this process used', () => {
    const before = readMachineBusyCpuSeconds()!;
    burnCpu(0.2);
    expect(readMachineBusyCpuSeconds()! - before).toBeGreaterThanOrEqual(0.15);
  });

  it("counts a process tree's CPU, including children that have exited, which the parent's own line lacks", async () => {
    // A shell (as a postmaster forks backends) whose child burns CPU, exits, and is reaped.
    const burn = 'const t = process.cpuUsage(); while (process.cpuUsage(t).user < 400000) {}';
    const shell = spawn('bash', ['-c', `"${process.execPath}" -e "${burn}"; echo burnt; sleep 60`], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const exited = new Promise((resolve) => shell.once('exit', resolve));
    try {
      await new Promise<void>((resolve) => shell.stdout.once('data', () => resolve()));
      const pid = shell.pid!;
      expect(readProcessTreeCpuSeconds(pid)!).toBeGreaterThanOrEqual(0.35);
      expect(readProcessCpuSeconds(pid)!).toBeLessThan(0.2);
    } finally {
      shell.kill('SIGKILL');
      await exited;
    }
    // Starting Node and burning 400 ms of CPU took over 5 s of wall time (jest's default) in a CI
    // run with the 2 cores shared; the wait is for a CPU figure, not a speed.
  }, 30_000);
});
