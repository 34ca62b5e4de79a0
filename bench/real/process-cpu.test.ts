import { spawn } from 'node:child_process';
import { waitFor } from '@baton/testing';
import { parseProcStatTicks, readMachineBusyCpuSeconds, readProcessCpuSeconds } from './process-cpu';

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
});
