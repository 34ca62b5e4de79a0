// Drives the adapter the way the engine does, on an in-memory bus: publishes job messages on
// `baton.jobs.<type>.v1` with the engine's headers, and collects the answers on the results topic.
import type { JobMessage, JobResultMessage } from '@baton/contracts';
import { InMemoryBus, newTraceparent, type MessageHeaders, type Subscription } from '@baton/messaging';
import { waitFor } from '@baton/testing';
import { jobTopic, topicName, topics } from '@baton/topics';
import type { IntegrationAdapterOptions } from '../adapter-options';
import { startIntegrationAdapter, type RunningIntegrationAdapter } from '../integration-adapter';

export interface Answer {
  readonly result: JobResultMessage;
  readonly headers: MessageHeaders;
}

export interface PublishedJob {
  readonly job: JobMessage;
  readonly headers: MessageHeaders;
}

export interface JobHarness {
  readonly bus: InMemoryBus;
  readonly topicPrefix: string;
  /** Publishes one job per entry (one produce), as the engine's job pusher does. */
  publish(jobs: readonly Partial<JobMessage>[]): Promise<PublishedJob[]>;
  /** Publishes one job and waits for its answer. */
  run(job: Partial<JobMessage>): Promise<Answer & { job: JobMessage; jobHeaders: MessageHeaders }>;
  /** The answer to one delivery (matched by the `jobMessageId` the adapter echoes). */
  answerTo(published: PublishedJob): Promise<Answer>;
  close(): Promise<void>;
}

let nextKey = 1000;
let nextDelivery = 1;

export async function startJobHarness(
  options: Omit<IntegrationAdapterOptions, 'bus' | 'topicPrefix'> = {},
): Promise<JobHarness> {
  const topicPrefix = 'unit.';
  const bus = new InMemoryBus({ partitions: 2, topicPrefix });
  const answers: Answer[] = [];
  const probe: Subscription = await bus.subscribe({
    topic: topicName(topics.jobResults, topicPrefix),
    groupId: 'test-probe',
    fromBeginning: true,
    eachBatch: (batch) => {
      for (const message of batch.messages)
        answers.push({ result: message.value as JobResultMessage, headers: message.headers });
      return Promise.resolve();
    },
  });
  const adapter: RunningIntegrationAdapter = await startIntegrationAdapter({
    retryBackOffMs: 1000,
    ...options,
    bus,
    topicPrefix,
  });

  const publish = async (partials: readonly Partial<JobMessage>[]): Promise<PublishedJob[]> => {
    const published = partials.map((partial) => {
      const job = jobMessage(partial);
      // The headers the engine's pusher sends, plus the bus's messageId and traceparent.
      const headers = {
        processInstanceKey: job.processInstanceKey,
        jobKey: job.jobKey,
        messageId: `job-message-${nextDelivery++}`,
        traceparent: newTraceparent(),
      };
      return { job, headers };
    });
    const byType = new Map<string, PublishedJob[]>();
    for (const each of published) byType.set(each.job.type, [...(byType.get(each.job.type) ?? []), each]);
    for (const [type, jobs] of byType)
      await bus.produce(
        topicName(jobTopic(type), topicPrefix),
        jobs.map(({ job, headers }) => ({ key: job.processInstanceKey, value: job, headers })),
      );
    return published;
  };

  const answerTo = ({ job, headers }: PublishedJob) =>
    waitFor(() => answers.find((answer) => answer.headers['jobMessageId'] === headers['messageId']), {
      timeoutMs: 10_000,
      description: `the answer to job ${job.jobKey} (${headers['messageId']})`,
    });

  return {
    bus,
    topicPrefix,
    publish,
    answerTo,
    run: async (partial) => {
      const [published] = await publish([partial]);
      return { ...(await answerTo(published!)), job: published!.job, jobHeaders: published!.headers };
    },
    close: async () => {
      await adapter.close();
      await probe.close();
      await bus.close();
    },
  };
}

/** A job as the engine publishes it; the test overrides what it is about. */
export function jobMessage(partial: Partial<JobMessage>): JobMessage {
  const key = String(nextKey++);
  return {
    jobKey: key,
    type: 'http',
    processInstanceKey: `9${key}`,
    processDefinitionKey: '1',
    processDefinitionId: 'test-process',
    processDefinitionVersion: 1,
    elementId: 'call',
    elementInstanceKey: `8${key}`,
    customHeaders: {},
    retries: 3,
    deadline: Date.now() + 60_000,
    variables: {},
    tenantId: '<default>',
    ...partial,
  };
}
