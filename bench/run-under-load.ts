// Runs N instances under a given load and times each one from its start to its completion with
// performance.now(); the wall time gives the throughput, the process CPU time the cost per instance.
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import type { Load } from './load';
import { summarize, type RunStats } from './stats';

/** Runs one instance to completion; `index` is 0..count-1. */
export type RunOne = (index: number) => Promise<void>;

async function closedLoop(
  count: number,
  concurrency: number,
  runOne: RunOne,
  latenciesMs: number[],
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      const startedAt = performance.now();
      await runOne(index);
      latenciesMs[index] = performance.now() - startedAt;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
}

/**
 * Starts instance i at t0 + i / rate. The latency counts from the instance's due time, not from
 * when the event loop got round to starting it, so an engine that falls behind its schedule is
 * charged for the wait (no coordinated omission).
 */
async function openLoop(
  count: number,
  instancesPerSecond: number,
  runOne: RunOne,
  latenciesMs: number[],
): Promise<void> {
  const startedAt = performance.now();
  const running: Promise<void>[] = [];
  for (let index = 0; index < count; index++) {
    const dueAt = startedAt + (index * 1000) / instancesPerSecond;
    const wait = dueAt - performance.now();
    if (wait > 0) await delay(wait);
    running.push(
      runOne(index).then(() => {
        latenciesMs[index] = performance.now() - dueAt;
      }),
    );
  }
  await Promise.all(running);
}

/** Runs `count` instances under `load` and summarises the timings. */
export async function runUnderLoad(count: number, load: Load, runOne: RunOne): Promise<RunStats> {
  const latenciesMs: number[] = new Array<number>(count);
  const startedAt = performance.now();
  const cpuAtStart = process.cpuUsage();
  if (load.kind === 'closed') await closedLoop(count, load.concurrency, runOne, latenciesMs);
  else await openLoop(count, load.instancesPerSecond, runOne, latenciesMs);
  const elapsedMs = performance.now() - startedAt;
  const cpu = process.cpuUsage(cpuAtStart);
  return summarize(latenciesMs, elapsedMs, (cpu.user + cpu.system) / 1000);
}
