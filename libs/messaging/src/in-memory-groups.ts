// The consumer groups of the in-memory bus: their members, a cursor per partition, and who holds
// which partition (partition p goes to member p mod n, as drain() picks it). A member told it now
// holds a partition it did not hold before is due to be asked for a replay (in-memory-replay.ts).
import type { MessageBatch, OutgoingMessage, SubscribeOptions } from './message-bus';
import type { ReplayHandlers } from './replay-options';

/** The messages of a batch that passed their topic's schema, and the dead letters of the others. */
export interface ReadBatch {
  readonly batch: MessageBatch;
  readonly deadLetters: readonly OutgoingMessage[];
}

export interface Member {
  readonly options: Omit<SubscribeOptions, 'eachBatch'>;
  /**
   * Hands a batch to the member's handler; resolves once it is handled, and drain() then commits its
   * offsets (a transactional member has committed them already, with its output, through
   * `commitOffsets`). Undefined when there is nothing to wait for: no extra turn for such a batch.
   */
  readonly consume: (read: ReadBatch, commitOffsets: () => void) => Promise<void> | undefined;
  /** The replay hook of a transactional member that has one. */
  readonly replay: ReplayHandlers | undefined;
  /** The partitions it was last told it holds. */
  held: ReadonlySet<number>;
}

/** A replay owed to the member that took over a partition. */
export interface CursorReplay {
  readonly member: Member;
  /** The next offset to hand to replayBatch; undefined until replayFrom has answered. */
  next: number | undefined;
}

export interface PartitionCursor {
  readonly group: ConsumerGroup;
  readonly partition: number;
  committed: number;
  /**
   * Whether the group has a committed offset here: once it committed a batch, or from the start
   * when it did not start from the beginning (as Kafka commits the end offsets it pins then).
   */
  offsetCommitted: boolean;
  /** Set while the partition's holder is owed a replay; no batch is delivered before it is done. */
  replay?: CursorReplay;
  running?: Promise<void>;
  /** Waiting in the bus's ready list for the next drain turn. */
  queued: boolean;
  retryTimer?: NodeJS.Timeout;
  failures: number;
}

export interface ConsumerGroup {
  readonly groupId: string;
  readonly topic: string;
  members: Member[];
  readonly cursors: PartitionCursor[];
}

/**
 * Tells each member of a group the partitions it now holds, and owes a replay to a member with a
 * replay hook for each partition it did not hold before and the group has an offset for. A member
 * that keeps a partition keeps a replay in progress.
 */
export function announceAssignments(group: ConsumerGroup): void {
  const count = group.members.length;
  group.members.forEach((member, index) => {
    const held = group.cursors.filter((cursor) => cursor.partition % count === index);
    for (const cursor of held)
      if (!member.held.has(cursor.partition))
        cursor.replay = member.replay && cursor.offsetCommitted ? { member, next: undefined } : undefined;
    member.held = new Set(held.map((cursor) => cursor.partition));
    member.options.onAssignment?.([...member.held]);
  });
}

/** The lowest offset the group may still read of the partition: retention keeps what lies above it. */
export function lowestNeededOffset(cursor: PartitionCursor): number {
  return Math.min(cursor.committed, cursor.replay?.next ?? cursor.committed);
}
