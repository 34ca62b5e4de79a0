// What a worker decides for one job, before the consumer addresses it to the job's instance:
// complete it, retry it later, raise an incident (no retries: retrying would not help), or throw
// a BPMN error. The consumer turns it into a `baton.jobs.results.v1` message.
import type { JobMessage, JobResultMessage, Variables } from '@baton/contracts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A job result without the job's identity. */
export type JobOutcome = DistributiveOmit<JobResultMessage, 'jobKey' | 'processInstanceKey'>;

export function completeJob(variables: Variables = {}): JobOutcome {
  return { result: 'COMPLETE', variables };
}

/** Fails the job with one retry fewer; the engine hands it out again after `retryBackOffMs`. */
export function retryJob(job: JobMessage, errorMessage: string, retryBackOffMs: number): JobOutcome {
  const retries = Math.max(0, job.retries - 1);
  return {
    result: 'FAIL',
    retries,
    errorMessage,
    ...(retries > 0 ? { retryBackOff: Math.round(retryBackOffMs) } : {}),
  };
}

/** Fails the job with no retries left: the engine raises an incident with the message. */
export function raiseIncident(errorMessage: string): JobOutcome {
  return { result: 'FAIL', retries: 0, errorMessage };
}

/** Throws a BPMN error (caught by an error boundary event, else an incident). */
export function throwBpmnError(errorCode: string, errorMessage: string): JobOutcome {
  return { result: 'ERROR', errorCode, errorMessage };
}

/** Whether the engine may hand the job out again after this outcome. */
export function isRetry(outcome: JobOutcome): boolean {
  return outcome.result === 'FAIL' && outcome.retries > 0;
}
