// Replays on the in-memory bus: the member that took over a partition is asked where its state
// stands (replayFrom), then handed the messages from there up to the group's committed offset
// (replayBatch). A step runs inside the partition's drain, so no batch of the partition is
// delivered meanwhile and the committed offset stays put: it is the end of the replay.
import type { Member, PartitionCursor } from './in-memory-groups';
import type { MessageBatch } from './message-bus';
import type { PartitionLog } from './partition-log';
import { replayStart } from './replay-options';

/** What a replay step needs from the bus. */
export interface ReplaySource {
  readonly log: PartitionLog;
  /** The valid messages at offsets [from, end) of the partition. */
  readonly read: (from: number, end: number) => MessageBatch;
  readonly maxBatchSize: number;
}

/**
 * One step of the cursor's replay: asking `holder` where to start, or handing it one batch. Ends the
 * replay when it is done or no longer the holder's. Rejects with the hook's rejection; the step is
 * then taken again after a back-off, as a failed batch is delivered again.
 */
export async function replayStep(
  cursor: PartitionCursor,
  holder: Member,
  source: ReplaySource,
): Promise<void> {
  const replay = cursor.replay;
  if (!replay) return;
  if (replay.member !== holder || !holder.replay) {
    cursor.replay = undefined; // the partition went to another member, which is owed its own
    return;
  }
  const { partition, committed } = cursor;
  if (replay.next === undefined) {
    const answer = await holder.replay.replayFrom(partition, committed);
    if (cursor.replay !== replay) return;
    const start = replayStart(partition, answer, committed, source.log.firstOffset);
    if (start === undefined) cursor.replay = undefined;
    else replay.next = start;
    return;
  }
  if (replay.next >= committed) {
    cursor.replay = undefined;
    return;
  }
  // Retention keeps what the replay still needs (lowestNeededOffset), but not what it never asked for.
  const from = Math.max(replay.next, source.log.firstOffset);
  const end = Math.min(committed, from + source.maxBatchSize);
  const batch = source.read(from, end);
  if (batch.messages.length > 0) await holder.replay.replayBatch(batch);
  if (cursor.replay === replay) replay.next = end;
}
