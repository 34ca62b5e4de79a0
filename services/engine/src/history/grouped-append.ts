// Group commit for the history projector: the batches of several partitions handled at once (a
// Kafka fetch hands them out together) go to the store in one append, and those that come while it
// runs in the next one. Each batch's append settles with the write that holds its entries, so a
// batch is consumed only once its entries are stored. On FerretDB every insert command is a
// transaction with a commit of its own, taken under the one write lock the instance snapshots need
// too: fewer, larger appends leave it to them.
import type { HistoryEntry } from '@baton/contracts';
import type { HistoryStore } from '@baton/store';

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export class GroupedAppend {
  private entries: HistoryEntry[] = [];
  private waiters: Waiter[] = [];
  private running: Promise<void> | undefined;

  constructor(private readonly store: Pick<HistoryStore, 'append'>) {}

  /** Resolves once `entries` are stored, with those of the batches that joined the same write. */
  append(entries: readonly HistoryEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.entries.push(...entries);
      this.waiters.push({ resolve, reject });
      this.kick();
    });
  }

  private kick(): void {
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
      // An append made after the drain's last look, before this ran, is not left behind.
      if (this.waiters.length > 0) this.kick();
    });
  }

  private async drain(): Promise<void> {
    // The batches handed out in this turn join the first write (the in-memory bus hands out one
    // at a time, and waiting for the next turn would delay each of them).
    await Promise.resolve();
    while (this.waiters.length > 0) {
      const entries = this.entries;
      const waiters = this.waiters;
      this.entries = [];
      this.waiters = [];
      try {
        await this.store.append(entries);
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        // Every batch of the write is consumed again (appending an entry twice keeps the first).
        for (const waiter of waiters) waiter.reject(error);
      }
    }
  }
}
