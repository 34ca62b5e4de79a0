// The instance history in memory (embedded runtime, tests). It keeps the entries of the most
// recent `maxInstances` instances: an embedded engine runs for weeks, and an unbounded history
// would be a leak; the instance whose first entry is oldest goes first.
import type { HistoryEntry } from '@baton/contracts';
import {
  compareHistoryPositions,
  type HistoryPage,
  type HistoryPageRequest,
  type HistoryStore,
} from './history-store';

/** Options of {@link InMemoryHistoryStore}. */
export interface InMemoryHistoryStoreOptions {
  /**
   * How many instances' histories are kept; the oldest instance's is dropped beyond it.
   * @default 10000
   */
  readonly maxInstances?: number;
}

export class InMemoryHistoryStore implements HistoryStore {
  /** Entries per instance, oldest first. */
  private readonly byInstance = new Map<string, HistoryEntry[]>();
  /**
   * Instance keys in the order they first appeared, from `oldest` on. Kept apart from the map:
   * asking a Map for its first key after many deletions from its front walks over every deleted
   * slot until the map is next rehashed, which made each new instance cost a scan.
   */
  private order: string[] = [];
  private oldest = 0;
  private readonly maxInstances: number;

  constructor(options: InMemoryHistoryStoreOptions = {}) {
    this.maxInstances = options.maxInstances ?? 10_000;
  }

  append(entries: readonly HistoryEntry[]): Promise<void> {
    for (const entry of entries) this.insert(entry);
    return Promise.resolve();
  }

  list(processInstanceKey: string, page: HistoryPageRequest): Promise<HistoryPage> {
    const entries = this.byInstance.get(processInstanceKey) ?? [];
    const { after } = page;
    const start =
      after === undefined ? 0 : entries.findIndex((entry) => compareHistoryPositions(entry, after) > 0);
    const items = start < 0 ? [] : entries.slice(start, start + page.limit);
    return Promise.resolve({ items: structuredClone(items), totalItems: entries.length });
  }

  private insert(entry: HistoryEntry): void {
    let entries = this.byInstance.get(entry.processInstanceKey);
    if (entries === undefined) {
      entries = [];
      this.byInstance.set(entry.processInstanceKey, entries);
      this.order.push(entry.processInstanceKey);
      this.forgetOldest();
    }
    // Events come in order: the place is nearly always the end.
    let index = entries.length;
    while (index > 0 && compareHistoryPositions(entries[index - 1]!, entry) > 0) index -= 1;
    const previous = entries[index - 1];
    if (previous !== undefined && compareHistoryPositions(previous, entry) === 0) return;
    // Not copied: the projector builds each entry for the store alone; reads are copied instead.
    // push at the end: splice would allocate the (empty) array of removed entries every time.
    if (index === entries.length) entries.push(entry);
    else entries.splice(index, 0, entry);
  }

  private forgetOldest(): void {
    while (this.byInstance.size > this.maxInstances && this.oldest < this.order.length)
      this.byInstance.delete(this.order[this.oldest++]!);
    // The forgotten keys' slots are let go once they are half the queue.
    if (this.oldest > 1024 && this.oldest * 2 > this.order.length) {
      this.order = this.order.slice(this.oldest);
      this.oldest = 0;
    }
  }
}
