// Jobs for Kafka workers (DESIGN §4): for each job type handed to Kafka, one loop activates jobs
// in the job store for the worker `kafka` — the same lock REST activations take, so a job is
// never with two workers at once — and publishes them on `baton.jobs.<type>.v1`. A job whose
// result does not come back before its deadline is activatable again and is published again;
// retry back-offs are honoured because activation skips jobs whose `retryAt` is still ahead.
import type { JobMessage } from '@baton/contracts';
import { produceTo, type MessageBus, type TopicMessage } from '@baton/messaging';
import type { BatonTopics } from '@baton/topics';
import type { ActivatedJob, ActivateJobsRequest } from '../engine-service';

export interface JobPusherOptions {
  readonly bus: MessageBus;
  readonly activate: (request: ActivateJobsRequest) => Promise<readonly ActivatedJob[]>;
  /** The job topic of a type. */
  readonly topicOf: BatonTopics['job'];
  /** How long a published job stays with the Kafka workers before it is handed out again, ms. */
  readonly jobTimeoutMs: number;
  /**
   * Jobs per activation and produce.
   * @default 200
   */
  readonly batchSize?: number;
  /** Told when a publish fails (the jobs are published again when their lock ends). */
  readonly onError: (error: unknown, type: string) => void;
}

/** The worker name Kafka-published jobs are locked to. */
export const kafkaWorkerName = 'kafka';

/** One activation loop per job type handed to Kafka workers. */
export class JobPusher {
  private readonly loops = new Map<string, Promise<void>>();
  private closed = false;

  constructor(private readonly options: JobPusherOptions) {}

  /** Starts publishing the jobs of `type` (again calls are no-ops). */
  push(type: string): void {
    if (this.closed || this.loops.has(type)) return;
    this.loops.set(type, this.loop(type));
  }

  /** Stops the loops; the caller ends their long polls (closing the activator) so that this resolves. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.loops.values());
  }

  private async loop(type: string): Promise<void> {
    const topic = this.options.topicOf(type);
    while (!this.closed) {
      let jobs: readonly ActivatedJob[] = [];
      try {
        jobs = await this.options.activate({
          type,
          worker: kafkaWorkerName,
          timeoutMs: this.options.jobTimeoutMs,
          maxJobsToActivate: this.options.batchSize ?? 200,
          requestTimeoutMs: 30_000,
        });
        if (jobs.length > 0) await produceTo(this.options.bus, topic, jobs.map(toJobMessage));
      } catch (error) {
        // The jobs stay locked to `kafka` until their deadline, then are activated and published again.
        this.options.onError(error, type);
        if (jobs.length === 0) await pauseAfterFailure(this.closed);
      }
    }
  }
}

function toJobMessage({ job, deadline, variables }: ActivatedJob): TopicMessage<JobMessage> {
  const value: JobMessage = {
    jobKey: job.jobKey,
    type: job.type,
    processInstanceKey: job.processInstanceKey,
    processDefinitionKey: job.processDefinitionKey,
    processDefinitionId: job.processDefinitionId,
    processDefinitionVersion: job.processDefinitionVersion,
    elementId: job.elementId,
    elementInstanceKey: job.elementInstanceKey,
    customHeaders: job.customHeaders,
    retries: job.retries,
    deadline,
    variables,
    tenantId: job.tenantId,
  };
  return {
    key: job.processInstanceKey,
    value,
    headers: { processInstanceKey: job.processInstanceKey, jobKey: job.jobKey },
  };
}

/** A store that failed to activate is not hammered: wait a second before the next attempt. */
function pauseAfterFailure(closed: boolean): Promise<void> {
  return closed ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, 1000).unref());
}
