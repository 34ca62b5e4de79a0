// The histogram of job activation-to-completion latency, one for every way a job travels: the bus
// instrumentation (bus-metrics.ts) times jobs published to Kafka workers to their result message,
// the engine times jobs handed out over REST to their answer; both observe the same series.
import { Histogram, type Registry } from 'prom-client';

const jobLatencyName = 'baton_job_latency_seconds';
const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/** The registry's job latency histogram, made on first use: the bus's and the REST API's share it. */
export function jobLatencyHistogram(registry: Registry): Histogram<'type' | 'result'> {
  const existing = registry.getSingleMetric(jobLatencyName);
  if (existing) return existing as Histogram<'type' | 'result'>;
  return new Histogram({
    name: 'baton_job_latency_seconds',
    help: 'From a job handed out (published to Kafka workers, received by a worker, or activated over REST) to its result, by job type and result (COMPLETE, FAIL, ERROR).',
    labelNames: ['type', 'result'],
    buckets: latencyBuckets,
    registers: [registry],
  });
}
