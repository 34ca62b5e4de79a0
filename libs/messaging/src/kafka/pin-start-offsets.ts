// "Only new messages" for a group with no committed offset. kafkajs resolves the latest offset
// lazily, at the consumer's first fetch after it joined, and again after every restart of the
// consumer (a crash while joining, a broker moving a partition's leadership): a message produced
// between subscribe() resolving and that fetch would be skipped. A reply to a request sent right
// after the reply consumer subscribed was lost that way. So the end offsets are read when
// subscribe() is called, and the consumer starts there (a seek once it has joined) and commits
// them, so that a consumer restarting before it read anything starts there too — as the
// in-memory bus does.
import type { Admin } from 'kafkajs';

/** Where a partition starts: the offset of the first message to deliver. */
export interface StartOffset {
  readonly partition: number;
  readonly offset: string;
}

/** How long a retriable broker answer is tried again: a new topic's leader settling, a moved leader. */
const RETRY_FOR_MS = 15_000;

/** Group states in which no member runs: a joining consumer decides where the group starts. */
const idleGroupStates = new Set(['Empty', 'Dead']);

/**
 * The topic's current end offsets for the group's partitions without a committed offset; none when
 * members of the group already run (they own their starting points).
 */
export function uncommittedEndOffsets(admin: Admin, groupId: string, topic: string): Promise<StartOffset[]> {
  // Just after a topic was created, metadata names its leader a moment before that broker answers
  // as one (NOT_LEADER_OR_FOLLOWER); a new group's coordinator may still be loading: retriable
  // answers, tried again until they settle.
  return retryingRetriable(async () => {
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const uncommitted = new Set(
      (committed?.partitions ?? [])
        .filter((partition) => Number(partition.offset) < 0)
        .map((partition) => partition.partition),
    );
    if (uncommitted.size === 0 || !(await groupIsIdle(admin, groupId))) return [];
    const ends = await admin.fetchTopicOffsets(topic);
    return ends
      .filter((end) => uncommitted.has(end.partition))
      .map((end) => ({ partition: end.partition, offset: end.offset }));
  });
}

async function groupIsIdle(admin: Admin, groupId: string): Promise<boolean> {
  const { groups } = await admin.describeGroups([groupId]);
  return idleGroupStates.has(groups[0]?.state ?? 'Dead');
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
