// Job activation-to-completion latency, one histogram for every way a job travels: over Kafka
// (bus-metrics.ts times a job from its publication to its result message) and over REST (timed
// here, from the `/v2/jobs/activation` answer that hands a job out to the completion, failure or
// error call on `/v2/jobs/{jobKey}/…` that answers it on the same replica).
import { jobLatencyHistogram } from '@baton/platform';
import type { Registry } from 'prom-client';
import type { EngineService } from '../engine-service';

export interface JobApiInstrumentationOptions {
  readonly registry: Registry;
  /** @default Date.now */
  readonly clock?: () => number;
  /**
   * Jobs remembered between activation and their answer; the oldest are forgotten beyond (jobs
   * whose worker died, or answered through another replica).
   * @default 100000
   */
  readonly maxPendingJobs?: number;
}

type JobAnswer = 'completeJob' | 'failJob' | 'throwJobError';
const resultOf: Readonly<Record<JobAnswer, string>> = {
  completeJob: 'COMPLETE',
  failJob: 'FAIL',
  throwJobError: 'ERROR',
};

/**
 * The engine service with its job API timed: every other property is the service's own. A job
 * counts once, at the first answer the engine accepts (a refused answer leaves it pending).
 */
export function instrumentJobApi<T extends EngineService>(
  engine: T,
  options: JobApiInstrumentationOptions,
): T {
  const histogram = jobLatencyHistogram(options.registry);
  const clock = options.clock ?? Date.now;
  const maxPending = options.maxPendingJobs ?? 100_000;
  const pending = new Map<string, { readonly type: string; readonly at: number }>();

  const activateJobs: EngineService['activateJobs'] = async (request) => {
    const jobs = await engine.activateJobs(request);
    const at = clock();
    for (const { job } of jobs) {
      pending.delete(job.jobKey);
      pending.set(job.jobKey, { type: job.type, at });
    }
    while (pending.size > maxPending) pending.delete(pending.keys().next().value!);
    return jobs;
  };
  const answered =
    (name: JobAnswer) =>
    async (jobKey: string, ...rest: unknown[]): Promise<void> => {
      await (engine[name] as (key: string, ...more: unknown[]) => Promise<void>)(jobKey, ...rest);
      const job = pending.get(jobKey);
      if (job === undefined) return;
      pending.delete(jobKey);
      histogram.observe({ type: job.type, result: resultOf[name] }, (clock() - job.at) / 1000);
    };
  const replaced: Partial<Record<keyof EngineService, unknown>> = {
    activateJobs,
    completeJob: answered('completeJob'),
    failJob: answered('failJob'),
    throwJobError: answered('throwJobError'),
  };
  return new Proxy(engine, {
    get(target, property, receiver) {
      if (typeof property === 'string' && property in replaced)
        return replaced[property as keyof EngineService];
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
