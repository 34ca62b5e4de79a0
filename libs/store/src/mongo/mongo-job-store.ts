// The MongoDB job store. Candidates are picked by a query on (type, activatable now), oldest
// first; each is then locked by inserting its next lock claim (job-lock-claims.ts), and only the
// claims that were inserted are handed out. The lock fields of the job document are a copy kept
// for that query and for `get`; the claims decide.
import type { Job } from '@baton/engine-core';
import type { AnyBulkWriteOperation, Collection } from 'mongodb';
import type { ActivationRequest, JobRecord, JobStore } from '../job-store';
import { chunkedBulkWrite } from './chunked-bulk-write';
import { claimJobLocks, jobLockId, type JobLockRecord, type LockAttempt } from './job-lock-claims';
import { isDuplicateKeyError } from './mongo-errors';

export interface JobDocumentRecord {
  /** The jobKey. */
  readonly _id: string;
  readonly type: string;
  /** Creation order, set on first insert: activation hands out the oldest jobs first. */
  readonly seq: number;
  /** The job as JSON (custom header names are user data). */
  readonly job: string;
  readonly retryAt?: number;
  /** Generation of the newest lock recorded on this document (0: never locked). */
  readonly lockGeneration: number;
  readonly worker?: string;
  readonly lockDeadline?: number;
  /** max(retryAt, lockDeadline): from then on the job is activatable without a new write. */
  readonly activatableAt: number;
}

/** Options of {@link MongoJobStore}. */
export interface MongoJobStoreOptions {
  /**
   * Most statements per update command; more are sent as several commands.
   * @default Infinity
   */
  readonly maxStatementsPerCommand?: number;
  /**
   * Whether the server applies a conditional update atomically. When it does not (FerretDB), the
   * lock copies are written by _id alone: the guard against replacing a newer copy would not be
   * atomic there anyway, an older copy only costs a refused claim, and a filter of _id alone is
   * the only one FerretDB leaves to SQLite instead of parsing every job document in Go.
   * @default true
   */
  readonly atomicConditionalUpdates?: boolean;
}

/** Candidate queries per activation, when claims are lost to other workers. */
const MAX_ROUNDS = 3;

/** The MongoDB implementation of {@link JobStore}. */
export class MongoJobStore implements JobStore {
  private readonly maxStatementsPerCommand: number;
  private readonly atomicConditionalUpdates: boolean;

  constructor(
    private readonly jobs: Collection<JobDocumentRecord>,
    private readonly locks: Collection<JobLockRecord>,
    options: MongoJobStoreOptions = {},
  ) {
    this.maxStatementsPerCommand = options.maxStatementsPerCommand ?? Number.POSITIVE_INFINITY;
    this.atomicConditionalUpdates = options.atomicConditionalUpdates ?? true;
  }

  async upsert(job: Job): Promise<void> {
    const { retryAt } = job;
    const write = (): Promise<unknown> =>
      this.jobs.updateOne(
        { _id: job.jobKey },
        {
          // Dropping the lock fields releases the lock: the next claim is one generation up.
          $set: {
            type: job.type,
            job: JSON.stringify(job),
            activatableAt: retryAt ?? 0,
            ...(retryAt === undefined ? {} : { retryAt }),
          },
          $unset: { worker: '', lockDeadline: '', ...(retryAt === undefined ? { retryAt: '' } : {}) },
          $setOnInsert: { seq: nextSequence(), lockGeneration: 0 },
        },
        { upsert: true },
      );
    try {
      await write();
    } catch (error) {
      // Two concurrent first upserts of one job: the loser's retry updates the winner's insert.
      if (!isDuplicateKeyError(error)) throw error;
      await write();
    }
  }

  async remove(jobKey: string): Promise<void> {
    await this.jobs.deleteOne({ _id: jobKey });
    await this.locks.deleteMany({ jobKey });
  }

  async get(jobKey: string): Promise<JobRecord | undefined> {
    const record = await this.jobs.findOne({ _id: jobKey });
    if (record === null) return undefined;
    const job = JSON.parse(record.job) as Job;
    return record.worker !== undefined && record.lockDeadline !== undefined
      ? { job, worker: record.worker, deadline: record.lockDeadline }
      : { job };
  }

  async activate(request: ActivationRequest): Promise<readonly Required<JobRecord>[]> {
    const { type, worker, now } = request;
    const deadline = now + request.timeoutMs;
    const activated: Required<JobRecord>[] = [];
    const passedOver: string[] = [];
    for (let round = 0; round < MAX_ROUNDS && activated.length < request.maxJobs; round++) {
      const candidates = await this.jobs
        .find({
          type,
          activatableAt: { $lte: now },
          ...(passedOver.length > 0 ? { _id: { $nin: passedOver } } : {}),
        })
        .sort({ seq: 1, _id: 1 })
        .limit(request.maxJobs - activated.length)
        .toArray();
      if (candidates.length === 0) break;
      passedOver.push(...candidates.map((candidate) => candidate._id));
      const attempts = candidates.map((candidate) => ({
        jobKey: candidate._id,
        generation: candidate.lockGeneration + 1,
      }));
      const { won, heldElsewhere } = await claimJobLocks(this.locks, attempts, { worker, deadline, now });
      await this.recordLocks([...won.map((attempt) => ({ ...attempt, worker, deadline })), ...heldElsewhere]);
      activated.push(...(await this.lockedJobs(won, worker, deadline)));
    }
    return activated;
  }

  async nextActivatableAt(type: string, now: number): Promise<number | undefined> {
    const record = await this.jobs.findOne(
      { type, activatableAt: { $gt: now } },
      { sort: { activatableAt: 1 }, projection: { activatableAt: 1 } },
    );
    return record?.activatableAt;
  }

  /** Copies locks onto their job documents (where updates are atomic, never over a newer one). */
  private async recordLocks(locks: readonly Omit<JobLockRecord, '_id'>[]): Promise<void> {
    if (locks.length === 0) return;
    const operations = locks.map(
      ({ jobKey, generation, worker, deadline }): AnyBulkWriteOperation<JobDocumentRecord> => ({
        updateOne: {
          filter: this.atomicConditionalUpdates
            ? { _id: jobKey, lockGeneration: { $lt: generation } }
            : { _id: jobKey },
          // A job is only a candidate once its retry time has come, so the lock ends last.
          update: {
            $set: { lockGeneration: generation, worker, lockDeadline: deadline, activatableAt: deadline },
          },
        },
      }),
    );
    await chunkedBulkWrite(this.jobs, operations, this.maxStatementsPerCommand);
  }

  /** The jobs just locked, read again after locking; a job removed meanwhile loses its lock. */
  private async lockedJobs(
    won: readonly LockAttempt[],
    worker: string,
    deadline: number,
  ): Promise<Required<JobRecord>[]> {
    if (won.length === 0) return [];
    const records = await this.jobs.find({ _id: { $in: won.map((attempt) => attempt.jobKey) } }).toArray();
    const byKey = new Map(records.map((record) => [record._id, record]));
    const removed = won.filter((attempt) => !byKey.has(attempt.jobKey));
    if (removed.length > 0)
      await this.locks.deleteMany({
        _id: { $in: removed.map((attempt) => jobLockId(attempt.jobKey, attempt.generation)) },
      });
    return won.flatMap((attempt) => {
      const record = byKey.get(attempt.jobKey);
      return record ? [{ job: JSON.parse(record.job) as Job, worker, deadline }] : [];
    });
  }
}

let lastSequence = 0;

/** Increasing within the process and roughly across processes (microseconds of the clock). */
function nextSequence(): number {
  lastSequence = Math.max(lastSequence + 1, Date.now() * 1000);
  return lastSequence;
}
