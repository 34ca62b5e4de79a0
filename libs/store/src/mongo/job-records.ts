// How a job is written to MongoDB: its record, the upsert that stores it as given, and for a job
// no version of which was stored before (JobChange `created`), a plain insert — FerretDB runs all
// documents of an insert command in one transaction but each of an update command in its own,
// with a read and a commit (an fsync) apiece.
import type { Job } from '@baton/engine-core';
import { MongoBulkWriteError, type AnyBulkWriteOperation, type Collection } from 'mongodb';
import type { JobLock } from '../job-store';
import type { WriteFence } from '../write-fence';
import { duplicateKeyIndexes } from './mongo-errors';

export interface JobDocumentRecord {
  /** The jobKey. */
  readonly _id: string;
  readonly type: string;
  /** Creation order, set on first insert: activation hands out the oldest jobs first. */
  readonly seq: number;
  /** The job as JSON (custom header names are user data). */
  readonly job: string;
  readonly retryAt?: number;
  /**
   * Generation of the newest lock recorded on this document. A stored job starts at its `seq`, not
   * at 0: a job removed and stored again under its key (an incident's resolution reopens it) then
   * numbers its claims past any claim of its earlier life, which may still be in force.
   */
  readonly lockGeneration: number;
  readonly worker?: string;
  readonly lockDeadline?: number;
  /** max(retryAt, lockDeadline): from then on the job is activatable without a new write (never while suspended). */
  readonly activatableAt: number;
  /** Copies of job fields for job searches (absent on documents written before they were added). */
  readonly processInstanceKey?: string;
  readonly processDefinitionKey?: string;
  readonly elementId?: string;
  readonly suspended?: boolean;
}

/** activatableAt of a suspended job: no activation query ever reaches it. */
export const NEVER = Number.MAX_SAFE_INTEGER;

/** The fields a write of the job sets, and those it drops (a lock not given, a retry time gone). */
function jobFields(job: Job, lock?: JobLock) {
  const { retryAt } = job;
  const activatableAt = job.suspended ? NEVER : (retryAt ?? 0);
  // A lock given with the job is recorded like an activation's, without a claim (job-store.ts).
  const locked = lock ? { worker: lock.worker, lockDeadline: lock.deadline } : {};
  const set = {
    type: job.type,
    job: JSON.stringify(job),
    activatableAt: lock ? Math.max(lock.deadline, activatableAt) : activatableAt,
    ...locked,
    processInstanceKey: job.processInstanceKey,
    processDefinitionKey: job.processDefinitionKey,
    elementId: job.elementId,
    suspended: job.suspended === true,
    ...(retryAt === undefined ? {} : { retryAt }),
  };
  const unset = [...(lock ? [] : ['worker', 'lockDeadline']), ...(retryAt === undefined ? ['retryAt'] : [])];
  return { set, unset };
}

/** Stores the job as activatable (its lock fields dropped: that releases the lock). */
export function upsertOperation(job: Job, lock?: JobLock): AnyBulkWriteOperation<JobDocumentRecord> {
  const { set, unset } = jobFields(job, lock);
  return {
    updateOne: {
      filter: { _id: job.jobKey },
      update: {
        // Dropping the lock fields releases the lock: the next claim is one generation up.
        $set: set,
        ...(unset.length > 0 ? { $unset: Object.fromEntries(unset.map((field) => [field, ''])) } : {}),
        $setOnInsert: firstStoredAt(nextSequence()),
      },
      upsert: true,
    },
  };
}

/** Stores the job as activatable unless a version of it is stored, which it leaves untouched. */
export function insertIfAbsentOperation(job: Job): AnyBulkWriteOperation<JobDocumentRecord> {
  const { _id: _key, ...record } = newJobRecord(job);
  return { updateOne: { filter: { _id: job.jobKey }, update: { $setOnInsert: record }, upsert: true } };
}

let lastSequence = 0;

/** Increasing within the process and roughly across processes (microseconds of the clock). */
function nextSequence(): number {
  lastSequence = Math.max(lastSequence + 1, Date.now() * 1000);
  return lastSequence;
}

/** The record an upsert of a job never stored would insert. */
function newJobRecord(job: Job, lock?: JobLock): JobDocumentRecord {
  return { _id: job.jobKey, ...jobFields(job, lock).set, ...firstStoredAt(nextSequence()) };
}

/** The fields a job gets when first stored: its order, and the generation its claims count from. */
function firstStoredAt(seq: number): { seq: number; lockGeneration: number } {
  return { seq, lockGeneration: seq };
}

/**
 * Inserts jobs believed new, in unordered inserts of at most `maxPerCommand`; answers those to be
 * upserted after all: refused because stored already (a batch written again), or all of a command
 * whose outcome the server did not tell document by document.
 */
export async function insertNewJobs<T extends { job: Job; lock?: JobLock }>(
  collection: Collection<JobDocumentRecord>,
  jobs: readonly T[],
  maxPerCommand: number,
  fence?: WriteFence,
): Promise<T[]> {
  const left: T[] = [];
  for (let start = 0; start < jobs.length; start += maxPerCommand) {
    const chunk = jobs.slice(start, start + maxPerCommand);
    fence?.();
    try {
      await collection.insertMany(
        chunk.map(({ job, lock }) => newJobRecord(job, lock)),
        { ordered: false },
      );
    } catch (error) {
      const refused = duplicateKeyIndexes(error); // rethrows anything but duplicates
      const inserted = error instanceof MongoBulkWriteError ? error.insertedCount : 0;
      left.push(
        ...(inserted + refused.size === chunk.length
          ? chunk.filter((_job, index) => refused.has(index))
          : chunk),
      );
    }
  }
  return left;
}
