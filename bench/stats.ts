// Latency and throughput figures of one benchmark run: nearest-rank percentiles over the
// per-instance start→complete latencies, and instances per second over the wall time.

/** What one scenario run on one engine measured. */
export interface RunStats {
  readonly instances: number;
  readonly elapsedMs: number;
  readonly instancesPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  readonly maxMs: number;
  /** Process CPU time (user + system, all threads) per instance, ms: steadier than wall time on a shared machine. */
  readonly cpuMsPerInstance: number;
}

/**
 * The nearest-rank percentile: the smallest value such that at least `p` percent of the
 * samples are less than or equal to it. `p` is in (0, 100]; the samples need not be sorted.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new RangeError('percentile of no samples');
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[rank - 1]!;
}

/** Summarises the latencies (ms) of `latenciesMs.length` instances run in `elapsedMs` of wall time and `cpuMs` of CPU time. */
export function summarize(latenciesMs: readonly number[], elapsedMs: number, cpuMs = 0): RunStats {
  const instances = latenciesMs.length;
  const total = latenciesMs.reduce((sum, value) => sum + value, 0);
  return {
    instances,
    elapsedMs,
    instancesPerSecond: elapsedMs > 0 ? (instances * 1000) / elapsedMs : 0,
    p50Ms: percentile(latenciesMs, 50),
    p99Ms: percentile(latenciesMs, 99),
    meanMs: total / instances,
    maxMs: Math.max(...latenciesMs),
    cpuMsPerInstance: cpuMs / instances,
  };
}
