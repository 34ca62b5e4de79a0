// The recent updates of every instance, as this replica read them from `baton.instance.events.v1`,
// so that a client back from a dropped connection gets exactly what it missed (subscribe's
// `resumeFrom`) instead of a snapshot. Bounded by count and by age: past either, the client gets
// the current state, which is one message however much happened.
import type { InstanceLiveState, ResumeCursor } from '@baton/contracts';

/** Options of {@link UpdateJournal}. */
export interface UpdateJournalOptions {
  /**
   * Most updates held across all instances (an update is a whole instance state, typically 0.5–2 KB).
   * @default 10_000
   */
  readonly maxUpdates?: number;
  /**
   * How long an update is held after it was read.
   * @default 300_000 (five minutes)
   */
  readonly retentionMs?: number;
  /** @default Date.now */
  readonly now?: () => number;
}

/** Where an event was read: redeliveries of the bus (at-least-once) are recognised by it. */
export interface BusPosition {
  readonly partition: number;
  readonly offset: number;
}

interface Entry {
  readonly update: InstanceLiveState;
  /** 0 for the first update of its revision, 1 for the next of the same engine write, … */
  readonly indexAtRevision: number;
  readonly sequence: number;
}

interface InstanceHistory {
  readonly entries: Entry[];
  lastPosition?: BusPosition;
}

export class UpdateJournal {
  private readonly histories = new Map<string, InstanceHistory>();
  /** Every held entry in arrival order, oldest first (from `head` on), to evict by count and age. */
  private readonly arrivals: { processInstanceKey: string; sequence: number; readAt: number }[] = [];
  private head = 0;
  private nextSequence = 0;
  private readonly maxUpdates: number;
  private readonly retentionMs: number;
  private readonly now: () => number;

  constructor(options: UpdateJournalOptions = {}) {
    this.maxUpdates = options.maxUpdates ?? 10_000;
    this.retentionMs = options.retentionMs ?? 300_000;
    this.now = options.now ?? Date.now;
  }

  /** Updates held, across all instances. */
  get size(): number {
    return this.arrivals.length - this.head;
  }

  /** Records an update read from the bus; a redelivered one (same position or before) is ignored. */
  record(update: InstanceLiveState, position?: BusPosition): void {
    let history = this.histories.get(update.processInstanceKey);
    if (history === undefined) {
      history = { entries: [] };
      this.histories.set(update.processInstanceKey, history);
    }
    if (position && history.lastPosition && isRedelivery(position, history.lastPosition)) return;
    if (position) history.lastPosition = position;
    const last = history.entries.at(-1);
    if (last !== undefined && update.revision < last.update.revision) return;
    const indexAtRevision = last?.update.revision === update.revision ? last.indexAtRevision + 1 : 0;
    const sequence = this.nextSequence++;
    history.entries.push({ update, indexAtRevision, sequence });
    const readAt = this.now();
    this.arrivals.push({ processInstanceKey: update.processInstanceKey, sequence, readAt });
    this.evict(readAt);
  }

  /**
   * The updates after the cursor, in order; undefined when the journal cannot tell what came after
   * it (its updates up to the cursor were evicted, or this replica never read them).
   */
  after(processInstanceKey: string, cursor: ResumeCursor): InstanceLiveState[] | undefined {
    this.evict(this.now());
    const entries = this.histories.get(processInstanceKey)?.entries;
    const oldest = entries?.[0];
    if (entries === undefined || oldest === undefined || !covers(oldest, cursor)) return undefined;
    return entries.filter((entry) => isAfter(entry, cursor)).map((entry) => entry.update);
  }

  private evict(now: number): void {
    while (this.head < this.arrivals.length) {
      const oldest = this.arrivals[this.head]!;
      if (this.size <= this.maxUpdates && now - oldest.readAt < this.retentionMs) break;
      this.head++;
      const history = this.histories.get(oldest.processInstanceKey);
      if (history?.entries[0]?.sequence === oldest.sequence) history.entries.shift();
      if (history?.entries.length === 0) this.histories.delete(oldest.processInstanceKey);
    }
    // Compact now and then rather than shifting the arrivals array on every eviction.
    if (this.head > 1024 && this.head * 2 > this.arrivals.length) {
      this.arrivals.splice(0, this.head);
      this.head = 0;
    }
  }
}

function isRedelivery(position: BusPosition, last: BusPosition): boolean {
  return position.partition === last.partition && position.offset <= last.offset;
}

/** Whether the client does not have this update: a later revision, or a later one of its revision. */
function isAfter(entry: Entry, cursor: ResumeCursor): boolean {
  if (entry.update.revision !== cursor.revision) return entry.update.revision > cursor.revision;
  return cursor.updatesAtRevision !== undefined && entry.indexAtRevision >= cursor.updatesAtRevision;
}

/**
 * Whether everything after the cursor is held: the oldest entry held is the client's own last
 * update, one before it, or the very next one of the same revision. (Entries go from the front only.)
 */
function covers(oldest: Entry, cursor: ResumeCursor): boolean {
  if (oldest.update.revision !== cursor.revision) return oldest.update.revision < cursor.revision;
  return cursor.updatesAtRevision === undefined || oldest.indexAtRevision <= cursor.updatesAtRevision;
}
