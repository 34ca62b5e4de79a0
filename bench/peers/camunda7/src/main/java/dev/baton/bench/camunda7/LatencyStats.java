package dev.baton.bench.camunda7;

import java.util.Arrays;

/** The latency figures of a run, in milliseconds, computed as Baton's bench/stats.ts does. */
record LatencyStats(double p50Ms, double p99Ms, double meanMs, double maxMs) {
  static LatencyStats of(long[] latencyNanos) {
    if (latencyNanos.length == 0) throw new IllegalArgumentException("no latencies");
    long[] sorted = latencyNanos.clone();
    Arrays.sort(sorted);
    double sum = 0;
    for (long value : sorted) sum += value;
    return new LatencyStats(
        millis(percentile(sorted, 50)),
        millis(percentile(sorted, 99)),
        millis(sum / sorted.length),
        millis(sorted[sorted.length - 1]));
  }

  /** Nearest rank: the smallest sample such that at least p percent of the samples are at most it. */
  static long percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }

  private static double millis(double nanos) {
    return nanos / 1e6;
  }
}
