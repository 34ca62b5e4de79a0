// The creates this replica answered once their command was in the log, before the owner stored the
// new instance (docs/architecture.md, step 7): a caller holding such a key must still read what it
// was promised. Until its reply comes — sent by the owner once the instance is stored — a create
// is pending here, and the reads of this replica wait for the pending creates answered before them.
// A pending create always settles: its reply comes, or its reply's deadline passes.
//
// Creates are numbered in the order they were answered. A read waits until every create up to the
// last one answered before it has settled: one waiter per read, woken when the lowest create still
// pending passes its number — the same small cost when thousands are pending (a partition changing
// hands) as when none is.
import type { ReplyBody } from '@baton/engine-core';

export interface AnsweredCreatesOptions {
  /**
   * Told when the owner refused a create already answered (which the checks before the answer are
   * there to prevent), or when no reply came within the request timeout.
   */
  readonly onUnconfirmed?: (processInstanceKey: string, reason: string) => void;
}

interface Waiter {
  /** Settles once every create numbered up to this one has. */
  readonly upTo: number;
  readonly resolve: () => void;
}

export class AnsweredCreates {
  /** The pending creates by key: their number and when they settle. */
  private readonly pending = new Map<string, { readonly number: number; readonly stored: Promise<void> }>();
  /** Numbers settled while a lower one was still pending. */
  private readonly settledAhead = new Set<number>();
  /** The number the next answered create gets. */
  private next = 0;
  /** Every create numbered below this has settled. */
  private settledBelow = 0;
  /** In the order they came, so by `upTo`. */
  private readonly waiters: Waiter[] = [];

  constructor(private readonly options: AnsweredCreatesOptions = {}) {}

  /** How many answered creates are not stored yet. */
  get size(): number {
    return this.pending.size;
  }

  /** Tracks a create answered before it was stored; `reply` is the owner's answer to its command. */
  track(processInstanceKey: string, reply: Promise<ReplyBody>): void {
    const number = this.next++;
    const stored = reply
      .then(
        (body) => {
          if (body.status === 'REJECTED')
            this.options.onUnconfirmed?.(processInstanceKey, `${body.code}: ${body.message}`);
        },
        (error: unknown) => {
          const reason = error instanceof Error ? error.message : String(error);
          this.options.onUnconfirmed?.(processInstanceKey, reason);
        },
      )
      .finally(() => {
        if (this.pending.get(processInstanceKey)?.number === number) this.pending.delete(processInstanceKey);
        this.settled(number);
      });
    this.pending.set(processInstanceKey, { number, stored });
  }

  /** Settles once this answered create is stored (or refused, or unanswered); undefined when not pending. */
  stored(processInstanceKey: string): Promise<void> | undefined {
    return this.pending.get(processInstanceKey)?.stored;
  }

  /** Settles once every create answered before this call is stored (or refused, or unanswered). */
  earlierStored(): Promise<void> {
    const upTo = this.next - 1;
    if (upTo < this.settledBelow) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ upTo, resolve }));
  }

  private settled(number: number): void {
    if (number !== this.settledBelow) {
      this.settledAhead.add(number);
      return;
    }
    this.settledBelow++;
    while (this.settledAhead.delete(this.settledBelow)) this.settledBelow++;
    let woken = 0;
    while (woken < this.waiters.length && this.waiters[woken]!.upTo < this.settledBelow)
      this.waiters[woken++]!.resolve();
    this.waiters.splice(0, woken);
  }
}
