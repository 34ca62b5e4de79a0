// Job locks as insert-only claims, exclusive on MongoDB and on FerretDB alike (FerretDB 1.x does
// not apply a conditional update atomically, but it does refuse a duplicate _id). The n-th lock
// of a job is the document `<jobKey>#<n>`; a worker may insert lock n only after seeing lock n-1
// end (its deadline passed, or the job was released by an upsert), so two locks never overlap.
import type { Collection } from 'mongodb';
import { findByIds, type IdLookupOptions } from './id-lookups';
import { duplicateKeyIndexes } from './mongo-errors';

export interface JobLockRecord {
  /** `<jobKey>#<generation>`. */
  readonly _id: string;
  readonly jobKey: string;
  readonly generation: number;
  readonly worker: string;
  /** Epoch ms when the lock ends. */
  readonly deadline: number;
}

/** A lock a worker tries to take: the generation after the newest one it knows of. */
export interface LockAttempt {
  readonly jobKey: string;
  readonly generation: number;
}

export interface ClaimResult {
  readonly won: readonly LockAttempt[];
  /** Locks found in force: the job's stored lock fields were behind them. */
  readonly heldElsewhere: readonly JobLockRecord[];
}

/** Following a chain of ended locks stops after this many steps per call. */
const MAX_CHAIN_STEPS = 4;

export function jobLockId(jobKey: string, generation: number): string {
  return `${jobKey}#${generation}`;
}

/**
 * Tries to lock each job for the worker (one insert command per step). A lock refused because
 * its generation exists is retried one generation up if that one has ended already.
 */
export async function claimJobLocks(
  locks: Collection<JobLockRecord>,
  attempts: readonly LockAttempt[],
  holder: { readonly worker: string; readonly deadline: number; readonly now: number },
  idLookups: IdLookupOptions,
): Promise<ClaimResult> {
  const won: LockAttempt[] = [];
  const heldElsewhere: JobLockRecord[] = [];
  let pending: readonly LockAttempt[] = attempts;
  for (let step = 0; pending.length > 0 && step < MAX_CHAIN_STEPS; step++) {
    const refused = await insertLocks(locks, pending, holder);
    won.push(...pending.filter((_attempt, index) => !refused.has(index)));
    const lost = pending.filter((_attempt, index) => refused.has(index));
    if (lost.length === 0) break;
    const ids = lost.map((attempt) => jobLockId(attempt.jobKey, attempt.generation));
    const existing = new Map((await findByIds(locks, ids, idLookups)).map((lock) => [lock._id, lock]));
    const next: LockAttempt[] = [];
    for (const attempt of lost) {
      const lock = existing.get(jobLockId(attempt.jobKey, attempt.generation));
      if (lock === undefined) continue; // removed together with its job meanwhile
      if (lock.deadline > holder.now) heldElsewhere.push(lock);
      else next.push({ jobKey: attempt.jobKey, generation: attempt.generation + 1 });
    }
    pending = next;
  }
  return { won, heldElsewhere };
}

async function insertLocks(
  locks: Collection<JobLockRecord>,
  attempts: readonly LockAttempt[],
  holder: { readonly worker: string; readonly deadline: number },
): Promise<ReadonlySet<number>> {
  const records = attempts.map(({ jobKey, generation }) => ({
    _id: jobLockId(jobKey, generation),
    jobKey,
    generation,
    worker: holder.worker,
    deadline: holder.deadline,
  }));
  try {
    await locks.insertMany(records, { ordered: false });
    return new Set();
  } catch (error) {
    return duplicateKeyIndexes(error);
  }
}
