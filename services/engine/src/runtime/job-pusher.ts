// Jobs for Kafka workers (DESIGN §3.11, §4). A new job of a type handed to Kafka goes out from
// the instance's owner as it is created (`handOver`: published in the transaction of the batch
// that made it, with the variables the owner holds in memory, and stored locked to the worker
// `kafka` with the snapshot; no claim, no read). What that path does not cover — a job whose
// result did not come back before its deadline, a retry after its back-off, a job coming out of a
// suspension, a job of a batch replayed after a crash — is activatable in the job store, and one loop per type activates such jobs for the
// worker `kafka` (the lock REST activations take, so a job is never with two workers at once) and
// publishes them on `baton.jobs.<type>.v1`.
import type { JobMessage, Variables } from '@baton/contracts';
import type { Job } from '@baton/engine-core';
import type { JobLock } from '@baton/store';
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

  /** Whether jobs of this type go to Kafka workers (a loop was started for it). */
  serves(type: string): boolean {
    return !this.closed && this.loops.has(type);
  }

  /** The lock of a job handed over to the Kafka workers at `now`. */
  lockFrom(now: number): JobLock {
    return { worker: kafkaWorkerName, deadline: now + this.options.jobTimeoutMs };
  }

  /**
   * Publishes jobs the owner handed over (locked by `lockFrom`), one produce per type, through
   * `producer`: the batch's transaction, so that they go out exactly when the batch commits.
   */
  async handOver(
    jobs: readonly HandedOverJob[],
    producer: Pick<MessageBus, 'produce'> = this.options.bus,
  ): Promise<void> {
    const byType = new Map<string, TopicMessage<JobMessage>[]>();
    for (const handed of jobs) {
      const messages = byType.get(handed.job.type) ?? [];
      messages.push(toJobMessage(handed));
      byType.set(handed.job.type, messages);
    }
    await Promise.all(
      [...byType].map(([type, messages]) => produceTo(producer, this.options.topicOf(type), messages)),
    );
  }

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

/** A job published by its instance's owner as it was created, with its lock's end. */
export interface HandedOverJob {
  readonly job: Job;
  readonly deadline: number;
  readonly variables: Variables;
}

function toJobMessage({ job, deadline, variables }: HandedOverJob): TopicMessage<JobMessage> {
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
