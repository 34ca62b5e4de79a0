// The shape of a built-in worker: a job type, how many of its jobs may run at once, and what to
// do with one job. The job consumer does the Kafka side (topics, headers, results).
import type { JobMessage } from '@baton/contracts';
import type { MessageHeaders } from '@baton/messaging';
import type { JobOutcome } from './job-outcome';

export interface JobContext {
  /** The headers the job arrived with (`traceparent`, `messageId`, `processInstanceKey`, …). */
  readonly headers: MessageHeaders;
  /** Retries the job consumed before this delivery, as far as this replica knows (see RetryLedger). */
  readonly consumedRetries: number;
}

export interface JobWorker {
  /** The job type served: jobs come from `baton.jobs.<type>.v1`. */
  readonly type: string;
  /** Jobs handled at once, over every partition of the job topic this replica holds. */
  readonly concurrency: number;
  /** Decides the job's outcome. A rejection is answered with a retry (an unexpected failure). */
  handle(job: JobMessage, context: JobContext): Promise<JobOutcome>;
  /** The back-off before the next delivery after a failure, given the retries already consumed, ms. */
  retryBackOffMs(consumedRetries: number): number;
}
