// Creating missing topics: idempotent and safe when several replicas start at once. A topic that
// another process created a moment ago may still lack partition leaders, so creation is followed
// by a wait until every partition has a leader, whoever created it.
import type { Admin } from 'kafkajs';
import type { TopicRequest } from '../message-bus';

export interface CreateTopicsSettings {
  /** Partitions of a request that gives none. */
  readonly defaultPartitions: number;
  /** `-1`: the broker's default. */
  readonly replicationFactor: number;
  /** Longest wait for creation and leaders, ms. */
  readonly timeoutMs: number;
}

/** Creates the topics that do not exist yet; existing topics are left as they are. */
export async function createMissingTopics(
  admin: Admin,
  requests: readonly TopicRequest[],
  settings: CreateTopicsSettings,
): Promise<void> {
  const byName = new Map<string, TopicRequest>();
  for (const request of requests) if (!byName.has(request.name)) byName.set(request.name, request);
  const existing = new Set(await admin.listTopics());
  const missing = [...byName.values()].filter((request) => !existing.has(request.name));
  if (missing.length === 0) return;
  // Our own wait for leaders, not kafkajs's: on a freshly formatted KRaft broker the metadata of a
  // just-created topic can answer UNKNOWN_TOPIC_OR_PARTITION for a moment, which kafkajs's wait
  // does not retry. Ours retries until the deadline, for topics a concurrent creator made too.
  await admin.createTopics({
    waitForLeaders: false,
    timeout: settings.timeoutMs,
    topics: missing.map((request) => ({
      topic: request.name,
      numPartitions: request.partitions ?? settings.defaultPartitions,
      replicationFactor: settings.replicationFactor,
    })),
  });
  await waitForLeaders(
    admin,
    missing.map((request) => request.name),
    settings.timeoutMs,
  );
}

/** Resolves once every partition of the topics has a leader; rejects past the deadline. */
export async function waitForLeaders(
  admin: Admin,
  names: readonly string[],
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [...names] });
      const led = topics.every(
        (topic) =>
          topic.partitions.length > 0 && topic.partitions.every((partition) => partition.leader >= 0),
      );
      if (led && topics.length === names.length) return;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(
        `KafkaBus: topics ${names.join(', ')} have no partition leaders after ${timeoutMs} ms${reason}`,
        { cause: lastError },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
