// The creates this replica answered once their command was in the log, before the owner stored the
// new instance (docs/architecture.md, step 7): a caller holding such a key must still read what it
// was promised. Until its reply comes — sent by the owner once the instance is stored — a create
// is pending here, and the reads of this replica wait for the pending creates answered before them.
// A pending create always settles: its reply comes, or its reply's deadline passes.
import type { ReplyBody } from '@baton/engine-core';

export interface AnsweredCreatesOptions {
  /**
   * Told when the owner refused a create already answered (which the checks before the answer are
   * there to prevent), or when no reply came within the request timeout.
   */
  readonly onUnconfirmed?: (processInstanceKey: string, reason: string) => void;
}

export class AnsweredCreates {
  private readonly pending = new Map<string, Promise<void>>();

  constructor(private readonly options: AnsweredCreatesOptions = {}) {}

  /** How many answered creates are not stored yet. */
  get size(): number {
    return this.pending.size;
  }

  /** Tracks a create answered before it was stored; `reply` is the owner's answer to its command. */
  track(processInstanceKey: string, reply: Promise<ReplyBody>): void {
    const settled = reply.then(
      (body) => {
        if (body.status === 'REJECTED')
          this.options.onUnconfirmed?.(processInstanceKey, `${body.code}: ${body.message}`);
      },
      (error: unknown) => {
        this.options.onUnconfirmed?.(
          processInstanceKey,
          error instanceof Error ? error.message : String(error),
        );
      },
    );
    const tracked = settled.finally(() => {
      if (this.pending.get(processInstanceKey) === tracked) this.pending.delete(processInstanceKey);
    });
    this.pending.set(processInstanceKey, tracked);
  }

  /** Settles once this answered create is stored (or refused, or unanswered); undefined when not pending. */
  stored(processInstanceKey: string): Promise<void> | undefined {
    return this.pending.get(processInstanceKey);
  }

  /** Settles once every create answered before this call is stored (or refused, or unanswered). */
  async earlierStored(): Promise<void> {
    if (this.pending.size === 0) return;
    await Promise.all(this.pending.values());
  }
}
