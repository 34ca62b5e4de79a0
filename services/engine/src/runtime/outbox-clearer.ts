// Clears outboxes after their effects were dispatched (DESIGN §3.3), a little later and in bulk.
// On MongoDB a clear is one update; on FerretDB it is a claim, a read, an update and a release —
// as much as the write itself. Deferred, most clears of an instance that moves on within the
// delay are never needed: its next write replaces the outbox, and this replica, knowing the old
// effects went out, does not carry them into it. A replica that dies with clears pending leaves
// outboxes that the sweeper dispatches again: consumers are idempotent, nothing is lost.
import type { InstanceStore, OutboxTarget } from '@baton/store';

export interface OutboxClearerOptions {
  readonly instances: InstanceStore;
  /** How long a dispatched outbox waits to be cleared, ms; 0 clears it before the batch ends. */
  readonly delayMs: number;
  /** Told when a clear fails (the outbox is then left to the sweeper). */
  readonly onError?: (error: unknown) => void;
}

export class OutboxClearer {
  /** Revision whose outbox was dispatched, not yet cleared, by instance. */
  private readonly pending = new Map<string, number>();
  /** Being cleared now: still "dispatched" for a writer that reads the document meanwhile. */
  private readonly clearing = new Map<string, number>();
  /** Not to be cleared: the instance is being written again (its write replaces the outbox). */
  private readonly superseded = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly options: OutboxClearerOptions) {}

  /** The effects of these documents went out; their outboxes are to be cleared. */
  async dispatched(targets: readonly OutboxTarget[]): Promise<void> {
    if (this.options.delayMs === 0) {
      await this.options.instances.clearOutboxes(targets);
      return;
    }
    for (const { processInstanceKey, revision } of targets) {
      this.pending.set(processInstanceKey, revision);
      this.superseded.delete(processInstanceKey);
    }
    this.timer ??= setTimeout(() => void this.flush(), this.options.delayMs);
  }

  /**
   * Whether this replica dispatched the outbox of the document at this revision and has not
   * cleared it yet (the next write does not carry it; the sweeper leaves it alone).
   */
  wasDispatched(processInstanceKey: string, revision: number): boolean {
    return [this.pending, this.clearing, this.superseded].some(
      (revisions) => revisions.get(processInstanceKey) === revision,
    );
  }

  /**
   * Before these instances are written again: their pending clears are dropped (the write replaces
   * the outbox; the writer does not carry effects that went out) and clears already running are
   * awaited, so that a clear never holds the claim the writer needs.
   */
  async beforeWriting(processInstanceKeys: Iterable<string>): Promise<void> {
    let running = false;
    for (const key of processInstanceKeys) {
      const revision = this.pending.get(key);
      if (revision !== undefined) {
        this.pending.delete(key);
        this.superseded.set(key, revision);
      }
      running ||= this.clearing.has(key);
    }
    if (running) await this.flushing;
  }

  /** Clears everything pending now (and waits for a clear already running). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing = this.flushing.then(() => this.clearPending());
    return this.flushing;
  }

  private async clearPending(): Promise<void> {
    if (this.pending.size === 0) return;
    const targets = [...this.pending].map(([processInstanceKey, revision]) => ({
      processInstanceKey,
      revision,
    }));
    this.pending.clear();
    for (const { processInstanceKey, revision } of targets) this.clearing.set(processInstanceKey, revision);
    try {
      await this.options.instances.clearOutboxes(targets);
    } catch (error) {
      this.options.onError?.(error);
    } finally {
      for (const { processInstanceKey, revision } of targets) {
        if (this.clearing.get(processInstanceKey) === revision) this.clearing.delete(processInstanceKey);
      }
    }
  }
}
