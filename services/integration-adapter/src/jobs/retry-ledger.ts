// How many retries a job has consumed, for the exponential back-off. A job message carries only
// the retries left, not the count it started with, so the ledger remembers the retries of the
// first delivery this replica saw: consumed = first seen − now. After a restart or a rebalance
// the count starts again from zero, which only shortens one back-off.

export class RetryLedger {
  private readonly firstSeen = new Map<string, number>();

  /** @param capacity jobs remembered; the oldest are forgotten beyond it. */
  constructor(private readonly capacity = 10_000) {}

  /** Retries consumed before this delivery of the job. */
  consumed(jobKey: string, retries: number): number {
    const first = this.firstSeen.get(jobKey);
    // Retries that went up were raised by an operator: count from there.
    if (first === undefined || retries > first) {
      this.remember(jobKey, retries);
      return 0;
    }
    return first - retries;
  }

  /** The job will not come back (completed, error, incident): stop remembering it. */
  forget(jobKey: string): void {
    this.firstSeen.delete(jobKey);
  }

  private remember(jobKey: string, retries: number): void {
    this.firstSeen.delete(jobKey);
    this.firstSeen.set(jobKey, retries);
    if (this.firstSeen.size > this.capacity) {
      const oldest = this.firstSeen.keys().next();
      if (!oldest.done) this.firstSeen.delete(oldest.value);
    }
  }
}

/** `base × 2^consumed`, capped at `max`: 1 s, 2 s, 4 s … with the defaults. */
export function exponentialBackOff(consumed: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(consumed, 30));
}
