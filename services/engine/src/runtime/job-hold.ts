// Jobs handed to Kafka workers are held back from the job store for a moment (snapshot-writer.ts).
// Such a job went to its worker in the transaction of the batch that made it, locked to it; the
// store only needs it if the worker does not answer before the lock ends (the job is then handed
// out again from the store), or for a job search. Most workers answer within a few hundred
// milliseconds, and a job created and closed within the hold is never written: on FerretDB that is
// an insert and a delete, each a commit of its own, of every instance of a one-task process.
//
// What makes it safe: a held job keeps its partition's checkpoint at or below the offset of the
// batch that made it, so if this replica dies (or the partition moves) before the job is written,
// the partition's next owner replays that batch, finds the instance stored, and restores its open
// jobs into the job store (batch-application.ts `restoredJobs`, an `ensure` change).
import type { JobChange } from '@baton/store';
import { coalesceJobChanges, type PlannedJobChange } from './job-change-coalescing';

/** Where a batch's job changes come from: what a hold needs to know of it. */
export interface JobChangeOrigin {
  readonly partition: number;
  /** The offset of the batch's first command. */
  readonly firstOffset: number;
  /** When the batch's transaction committed (the lease of any write of its changes). */
  readonly committedAt: number;
  readonly jobChanges: readonly PlannedJobChange[];
}

export interface HeldJob {
  readonly change: Extract<JobChange, { kind: 'upsert' }>;
  readonly origin: JobChangeOrigin;
  readonly since: number;
}

/** The job changes a write takes, and the held jobs among them (their batches' leases count). */
export interface TakenJobChanges {
  readonly write: readonly JobChange[];
  readonly released: readonly HeldJob[];
}

export class JobHold {
  private held = new Map<string, HeldJob>();
  private holding: boolean;

  constructor(
    private readonly holdMs: number,
    private readonly now: () => number,
  ) {
    this.holding = holdMs > 0;
  }

  /** Jobs held now. */
  get size(): number {
    return this.held.size;
  }

  /**
   * The changes of these batches together with the ones held, coalesced: what to write now, the
   * rest held (new jobs handed to Kafka, for `holdMs`). A held job closed meanwhile is forgotten.
   */
  take(origins: readonly JobChangeOrigin[]): TakenJobChanges {
    const changes = origins.flatMap((origin) => origin.jobChanges);
    if (this.held.size === 0 && !this.holding) return { write: coalesceJobChanges(changes), released: [] };
    const now = this.now();
    const createdIn = new Map<string, JobChangeOrigin>();
    for (const origin of origins)
      for (const change of origin.jobChanges)
        if (isHandedOver(change)) createdIn.set(change.job.jobKey, origin);
    const merged = coalesceJobChanges([
      ...[...this.held.values()].map(({ change }) => ({ ...change, created: true })),
      ...changes,
    ]);
    const stillHeld = new Map<string, HeldJob>();
    const write: JobChange[] = [];
    const released: HeldJob[] = [];
    for (const change of merged) {
      const jobKey = change.kind === 'remove' ? change.jobKey : change.job.jobKey;
      const before = this.held.get(jobKey);
      const unchanged =
        before !== undefined &&
        change.kind === 'upsert' &&
        change.job === before.change.job &&
        change.lock === before.change.lock;
      if (unchanged && this.holding && now - before.since < this.holdMs) {
        stillHeld.set(jobKey, before);
        continue;
      }
      const origin = createdIn.get(jobKey);
      if (!before && origin && this.holding && change.kind === 'upsert' && isHandedOver(change)) {
        stillHeld.set(jobKey, { change, origin, since: now });
        continue;
      }
      if (before) released.push(before);
      write.push(change);
    }
    this.held = stillHeld;
    return { write, released };
  }

  /** Holds again jobs a failed write took (it is tried again with what comes meanwhile). */
  restore(jobs: readonly HeldJob[]): void {
    for (const job of jobs)
      if (!this.held.has(job.change.job.jobKey)) this.held.set(job.change.job.jobKey, job);
  }

  /** The offset a partition's checkpoint may not pass while jobs of it are held. */
  checkpointFloor(partition: number): number | undefined {
    let floor: number | undefined;
    for (const { origin } of this.held.values())
      if (origin.partition === partition && (floor === undefined || origin.firstOffset < floor))
        floor = origin.firstOffset;
    return floor;
  }

  /** When the oldest held job is due to be written (the hold's clock), if any is held. */
  nextRelease(): number | undefined {
    let earliest: number | undefined;
    for (const { since } of this.held.values())
      if (earliest === undefined || since < earliest) earliest = since;
    return earliest === undefined ? undefined : earliest + this.holdMs;
  }

  /** Forgets the jobs of partitions this replica no longer holds: their next owner restores them. */
  keepPartitions(partitions: readonly number[]): void {
    for (const [jobKey, { origin }] of this.held)
      if (!partitions.includes(origin.partition)) this.held.delete(jobKey);
  }

  /** Holds nothing more: what is held goes with the next write, and so does every new job. */
  stopHolding(): void {
    this.holding = false;
  }
}

/** A new job that went to its Kafka workers with the batch that made it, locked to them. */
function isHandedOver(change: PlannedJobChange): change is Extract<PlannedJobChange, { kind: 'upsert' }> {
  return change.kind === 'upsert' && change.created === true && change.lock !== undefined;
}
