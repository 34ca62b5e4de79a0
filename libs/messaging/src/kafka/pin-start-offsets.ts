// "Only new messages" for a group with no committed offset. kafkajs resolves the latest offset
// lazily, at the consumer's first fetch after it joined, and again after every restart of the
// consumer (a crash while joining, a broker moving a partition's leadership): a message produced
// between subscribe() resolving and that fetch would be skipped. A reply to a request sent right
// after the reply consumer subscribed was lost that way. Committing the end offsets before the
// consumer joins fixes the starting point at subscribe time, as the in-memory bus does.
import type { Admin } from 'kafkajs';

/** How long a retriable broker answer is tried again: a new topic's leader settling, a moved leader. */
const RETRY_FOR_MS = 15_000;

/** Group states in which no member runs, so offsets may be set from outside. */
const idleGroupStates = new Set(['Empty', 'Dead']);

/**
 * Commits the topic's current end offsets for the group's partitions without a committed offset,
 * unless members of the group already run (they then own their starting points).
 */
export function pinUncommittedPartitionsToEnd(admin: Admin, groupId: string, topic: string): Promise<void> {
  // Just after a topic was created, metadata names its leader a moment before that broker answers
  // as one (NOT_LEADER_OR_FOLLOWER): a retriable answer, tried again until it settles.
  return retryingRetriable(() => pinOnce(admin, groupId, topic));
}

async function pinOnce(admin: Admin, groupId: string, topic: string): Promise<void> {
  const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
  const uncommitted = new Set(
    (committed?.partitions ?? [])
      .filter((partition) => Number(partition.offset) < 0)
      .map((partition) => partition.partition),
  );
  if (uncommitted.size === 0 || !(await groupIsIdle(admin, groupId))) return;
  const ends = await admin.fetchTopicOffsets(topic);
  const partitions = ends
    .filter((end) => uncommitted.has(end.partition))
    .map((end) => ({ partition: end.partition, offset: end.offset }));
  try {
    await admin.setOffsets({ groupId, topic, partitions });
  } catch (error) {
    // Another member joined in between: the group is running and resolves its own start.
    if (await groupIsIdle(admin, groupId)) throw error;
  }
}

async function groupIsIdle(admin: Admin, groupId: string): Promise<boolean> {
  const { groups } = await admin.describeGroups([groupId]);
  const state = groups[0]?.state ?? 'Dead';
  return idleGroupStates.has(state);
}

async function retryingRetriable<T>(request: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + RETRY_FOR_MS;
  for (let wait = 50; ; wait = Math.min(wait * 2, 1000)) {
    try {
      return await request();
    } catch (error) {
      if (!isRetriable(error) || Date.now() + wait > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** kafkajs marks the broker errors that may go away on their own as retriable. */
function isRetriable(error: unknown): boolean {
  return error instanceof Error && (error as Error & { retriable?: unknown }).retriable === true;
}
