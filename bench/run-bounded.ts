// Runs N instances with at most `concurrency` in flight and times each one from its start
// to its completion with performance.now(); the wall time gives the throughput, the
// process CPU time the cost per instance.
import { performance } from 'node:perf_hooks';
import { summarize, type RunStats } from './stats';

/** Runs one instance to completion; `index` is 0..count-1. */
export type RunOne = (index: number) => Promise<void>;

/** Runs `count` instances, keeping `concurrency` of them in flight, and summarises the timings. */
export async function runBounded(count: number, concurrency: number, runOne: RunOne): Promise<RunStats> {
  const latenciesMs: number[] = new Array<number>(count);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      const startedAt = performance.now();
      await runOne(index);
      latenciesMs[index] = performance.now() - startedAt;
    }
  };
  const startedAt = performance.now();
  const cpuAtStart = process.cpuUsage();
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  const elapsedMs = performance.now() - startedAt;
  const cpu = process.cpuUsage(cpuAtStart);
  return summarize(latenciesMs, elapsedMs, (cpu.user + cpu.system) / 1000);
}
