// The integration adapter: the built-in job workers, each a member of its consumer
// group on `baton.jobs.<type>.v1`, answering on `baton.jobs.results.v1`. Runs on any MessageBus:
// a KafkaBus on its own (`npm run start:integration-adapter`), the standalone's in-memory bus
// when embedded. Replicas scale by sharing the groups.
import type { Subscription } from '@baton/messaging';
import { batonTopics, jobTopicDefinition, topicDefinitions, topicName } from '@baton/topics';
import {
  withDefaults,
  type BuiltInJobType,
  type IntegrationAdapterOptions,
  type IntegrationAdapterOptionsWithDefaults,
} from './adapter-options';
import { httpWorker } from './http/http-worker';
import { consumeJobs } from './jobs/job-consumer';
import type { JobWorker } from './jobs/job-worker';
import { kafkaSendWorker } from './kafka-send/kafka-send-worker';

export interface RunningIntegrationAdapter {
  /** The job types served. */
  readonly jobTypes: readonly BuiltInJobType[];
  /** Leaves the consumer groups once the jobs in flight are answered (the bus stays open). */
  close(): Promise<void>;
}

/** Starts the workers; resolves once each has joined its consumer group. */
export async function startIntegrationAdapter(
  options: IntegrationAdapterOptions,
): Promise<RunningIntegrationAdapter> {
  const settings = withDefaults(options);
  const { bus, topicPrefix } = settings;
  const topics = batonTopics(topicPrefix);
  const jobTopics = settings.jobTypes.map(jobTopicDefinition);
  await bus.ensureTopics?.(
    [topicDefinitions.jobResults, ...jobTopics].map(({ name, partitions }) => ({
      name: topicName(name, topicPrefix),
      partitions,
    })),
  );
  const subscriptions: Subscription[] = [];
  const close = async () => {
    await Promise.all(subscriptions.map((subscription) => subscription.close()));
  };
  try {
    for (const type of settings.jobTypes) {
      subscriptions.push(
        await consumeJobs({
          bus,
          worker: workerOf(type, settings),
          jobTopic: topics.job(type),
          resultsTopic: topics.jobResults,
          // Environments sharing a cluster keep apart, as the engine's groups do.
          groupId: `${topicPrefix}baton-integration-adapter-${type}`,
          logError: settings.logError,
        }),
      );
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { jobTypes: settings.jobTypes, close };
}

function workerOf(type: BuiltInJobType, settings: IntegrationAdapterOptionsWithDefaults): JobWorker {
  switch (type) {
    case 'http':
      return httpWorker({
        ...settings.http,
        retryBackOffMs: settings.retryBackOffMs,
        maxRetryBackOffMs: settings.maxRetryBackOffMs,
      });
    case 'kafka-send':
      return kafkaSendWorker({
        bus: settings.bus,
        topicPrefix: settings.topicPrefix,
        concurrency: settings.kafkaSendConcurrency,
        retryBackOffMs: settings.retryBackOffMs,
        maxRetryBackOffMs: settings.maxRetryBackOffMs,
      });
  }
}
