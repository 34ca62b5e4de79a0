// Runs one worker as a member of its consumer group on `baton.jobs.<type>.v1` (DESIGN §4): the
// jobs of a batch are handled concurrently, within the worker's limit, and each answer goes to
// `baton.jobs.results.v1` as soon as it is known, keyed by processInstanceKey and echoing the
// job's headers (its `messageId` becomes `jobMessageId`). The batch is committed once every job
// of it is answered; a batch whose answers could not be produced is delivered again.
import type { JobMessage, JobResultMessage } from '@baton/contracts';
import { messageLogFields, type LogError } from '@baton/platform';
import {
  produceTo,
  subscribeTo,
  type MessageBus,
  type MessageHeaders,
  type Subscription,
  type TypedConsumedMessage,
} from '@baton/messaging';
import type { BatonTopics, TopicAddress } from '@baton/topics';
import { ConcurrencyLimit } from './concurrency-limit';
import { isRetry, retryJob, type JobOutcome } from './job-outcome';
import type { JobWorker } from './job-worker';
import { RetryLedger } from './retry-ledger';

export interface JobConsumerOptions {
  readonly bus: MessageBus;
  readonly worker: JobWorker;
  /** The worker's job topic. */
  readonly jobTopic: TopicAddress<JobMessage>;
  readonly resultsTopic: BatonTopics['jobResults'];
  /** Replicas of the adapter share this group, and so the job topic's partitions. */
  readonly groupId: string;
  /** Told of a worker that threw, with the job's instance, trace and key. */
  readonly logError: LogError;
}

/** Subscribes the worker to its job topic; closing the subscription waits for the jobs in flight. */
export function consumeJobs(options: JobConsumerOptions): Promise<Subscription> {
  const { bus, worker } = options;
  const limit = new ConcurrencyLimit(worker.concurrency);
  const ledger = new RetryLedger();

  const answer = async (message: TypedConsumedMessage<JobMessage>): Promise<void> => {
    const job = message.value;
    const outcome = await decide(job, message.headers);
    // A job that will not come back need not be remembered.
    if (!isRetry(outcome)) ledger.forget(job.jobKey);
    const result = { ...outcome, jobKey: job.jobKey, processInstanceKey: job.processInstanceKey };
    await produceTo(bus, options.resultsTopic, [
      {
        key: job.processInstanceKey,
        value: result satisfies JobResultMessage,
        headers: echoed(message.headers),
      },
    ]);
  };

  const decide = async (job: JobMessage, headers: MessageHeaders): Promise<JobOutcome> => {
    const consumedRetries = ledger.consumed(job.jobKey, job.retries);
    try {
      return await worker.handle(job, { headers, consumedRetries });
    } catch (error) {
      options.logError(`the ${worker.type} worker failed on job ${job.jobKey}`, error, {
        ...messageLogFields(headers),
        processInstanceKey: job.processInstanceKey,
        jobKey: job.jobKey,
      });
      const reason = error instanceof Error ? error.message : String(error);
      return retryJob(job, `${worker.type} worker failed: ${reason}`, worker.retryBackOffMs(consumedRetries));
    }
  };

  return subscribeTo(bus, options.jobTopic, {
    groupId: options.groupId,
    // Jobs published before the group's first member joined are still to be done.
    fromBeginning: true,
    eachBatch: async (batch) => {
      const answers = await Promise.allSettled(
        batch.messages.map((message) => limit.run(() => answer(message))),
      );
      // Every job was tried before the batch fails; a failed produce makes the bus deliver it again.
      const failed = answers.find((settled) => settled.status === 'rejected');
      if (failed) throw failed.reason;
    },
  });
}

/** The job's headers for its answer: its trace and instance; its `messageId` becomes `jobMessageId`. */
function echoed(headers: MessageHeaders): MessageHeaders {
  const { messageId, ...rest } = headers;
  return messageId === undefined ? rest : { ...rest, jobMessageId: messageId };
}
