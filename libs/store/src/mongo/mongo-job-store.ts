// The MongoDB job store. Candidates are picked by a query on (type, activatable now), oldest
// first; each is then locked by inserting its next lock claim (job-lock-claims.ts), and only the
// claims that were inserted are handed out. The lock fields of the job document are a copy kept
// for that query and for `get`; the claims decide.
import type { Job } from '@baton/engine-core';
import type { AnyBulkWriteOperation, Collection, Filter } from 'mongodb';
import type {
  ActivationRequest,
  JobChange,
  JobLock,
  JobRecord,
  JobSearchFilter,
  JobStore,
} from '../job-store';
import type { Page, PageRequest } from '../query';
import type { WriteFence } from '../write-fence';
import { chunkedBulkWrite } from './chunked-bulk-write';
import { deleteByIds, findByIds, type IdLookupOptions, type IdQueryStyle } from './id-lookups';
import { claimJobLocks, jobLockId, type JobLockRecord, type LockAttempt } from './job-lock-claims';
import {
  insertIfAbsentOperation,
  insertNewJobs,
  NEVER,
  upsertOperation,
  type JobDocumentRecord,
} from './job-records';

export type { JobDocumentRecord } from './job-records';

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
  /**
   * How lists of job keys are read and deleted (see id-lookups.ts): `each` on FerretDB.
   * @default 'in'
   */
  readonly idQueries?: IdQueryStyle;
}

/** Candidate queries per activation, when claims are lost to other workers. */
const MAX_ROUNDS = 3;

/**
 * A claim whose lock ended this long ago is never needed again: its job was removed, or it has a
 * newer claim, or it is activatable and a claim of this generation taken again is harmless.
 */
const STALE_CLAIM_AGE_MS = 60 * 60_000;

/** How often removals sweep stale claims (a query FerretDB answers by reading every claim). */
const STALE_CLAIM_SWEEP_INTERVAL_MS = 10 * 60_000;

/** The MongoDB implementation of {@link JobStore}. */
export class MongoJobStore implements JobStore {
  private readonly maxStatementsPerCommand: number;
  private readonly atomicConditionalUpdates: boolean;
  private readonly idLookups: IdLookupOptions;
  private lastStaleClaimSweep = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly jobs: Collection<JobDocumentRecord>,
    private readonly locks: Collection<JobLockRecord>,
    options: MongoJobStoreOptions = {},
  ) {
    this.maxStatementsPerCommand = options.maxStatementsPerCommand ?? Number.POSITIVE_INFINITY;
    this.atomicConditionalUpdates = options.atomicConditionalUpdates ?? true;
    this.idLookups = {
      style: options.idQueries ?? 'in',
      maxStatementsPerCommand: this.maxStatementsPerCommand,
    };
  }

  upsert(job: Job): Promise<void> {
    return this.applyChanges([{ kind: 'upsert', job }]);
  }

  remove(jobKey: string): Promise<void> {
    return this.applyChanges([{ kind: 'remove', jobKey }]);
  }

  async applyChanges(changes: readonly JobChange[], fence?: WriteFence): Promise<void> {
    const last = new Map<string, JobChange>();
    for (const change of changes) {
      const jobKey = change.kind === 'remove' ? change.jobKey : change.job.jobKey;
      const earlier = last.get(jobKey);
      // An ensure after anything but a removal changes nothing: the job is stored by then.
      if (change.kind === 'ensure' && earlier && earlier.kind !== 'remove') continue;
      last.delete(jobKey); // re-inserted: the map keeps the order of the last changes
      last.set(jobKey, change);
    }
    const upserts: { job: Job; lock?: JobLock; created?: boolean }[] = [];
    const relabels: Job[] = [];
    const removals: string[] = [];
    const ensures: Job[] = [];
    for (const change of last.values()) {
      if (change.kind === 'upsert') upserts.push(change);
      else if (change.kind === 'relabel') relabels.push(change.job);
      else if (change.kind === 'ensure') ensures.push(change.job);
      else removals.push(change.jobKey);
    }
    await this.ensureJobs(ensures, fence);
    // One after the other: on FerretDB concurrent commands share one pool of connections. Jobs
    // never stored are inserted (job-records.ts); those stored after all are upserted with the rest.
    const created = upserts.filter((upsert) => upsert.created === true);
    const storedAfterAll = await insertNewJobs(this.jobs, created, this.maxStatementsPerCommand, fence);
    await this.upsertJobs([...storedAfterAll, ...upserts.filter((upsert) => upsert.created !== true)], fence);
    await this.relabelJobs(relabels, fence);
    await this.removeJobs(removals, fence);
  }

  /** The jobs stored as given, their lock released. */
  private upsertJobs(jobs: readonly { job: Job; lock?: JobLock }[], fence?: WriteFence): Promise<void> {
    return this.writeUpserts(
      jobs.map(({ job, lock }) => upsertOperation(job, lock)),
      'upserts',
      fence,
    );
  }

  /** Jobs not stored yet are stored as activatable; stored ones stay untouched (a replay's restore, rare). */
  private ensureJobs(jobs: readonly Job[], fence?: WriteFence): Promise<void> {
    return this.writeUpserts(
      jobs.map((job) => insertIfAbsentOperation(job)),
      'restores',
      fence,
    );
  }

  /** Bulk upserts; a statement refused by a concurrent first insert is run again. */
  private async writeUpserts(
    operations: readonly AnyBulkWriteOperation<JobDocumentRecord>[],
    what: string,
    fence?: WriteFence,
  ): Promise<void> {
    if (operations.length === 0) return;
    // FerretDB stops a command at its first refused statement: the rounds that follow run the
    // rest (every statement is idempotent; a refused insert becomes an update of the winner's).
    for (let round = 0; ; round++) {
      const result = await chunkedBulkWrite(this.jobs, operations, this.maxStatementsPerCommand, fence);
      if (!result.refusedDuplicate) return;
      if (round >= operations.length) throw new Error(`Job ${what} did not settle after ${round + 1} rounds`);
    }
  }

  /** The stored jobs' fields replaced, their lock and activation time untouched; absent ones stay absent. */
  private async relabelJobs(jobs: readonly Job[], fence?: WriteFence): Promise<void> {
    if (jobs.length === 0) return;
    const operations: AnyBulkWriteOperation<JobDocumentRecord>[] = jobs.map((job) => ({
      updateOne: {
        filter: { _id: job.jobKey },
        update: {
          $set: {
            type: job.type,
            job: JSON.stringify(job),
            processInstanceKey: job.processInstanceKey,
            processDefinitionKey: job.processDefinitionKey,
            elementId: job.elementId,
          },
        },
      },
    }));
    await chunkedBulkWrite(this.jobs, operations, this.maxStatementsPerCommand, fence);
  }

  /** Deletes the jobs and their lock claims. */
  private async removeJobs(jobKeys: readonly string[], fence?: WriteFence): Promise<void> {
    if (jobKeys.length === 0) return;
    await deleteByIds(this.jobs, jobKeys, this.idLookups, fence);
    if (this.idLookups.style === 'in') {
      fence?.();
      await this.locks.deleteMany({ jobKey: { $in: [...jobKeys] } });
    }
    // Where only _id lookups are indexed (FerretDB), the claims are left to the sweep of stale
    // claims: deleting them by id was a commit apiece for every job, claimed or not, and a job
    // stored again under its key numbers its claims past them (job-records.ts).
    await this.sweepStaleClaims(Date.now());
  }

  /** Deletes the claims whose lock ended long ago, at most once per sweep interval. */
  private async sweepStaleClaims(now: number): Promise<void> {
    if (now - this.lastStaleClaimSweep < STALE_CLAIM_SWEEP_INTERVAL_MS) return;
    this.lastStaleClaimSweep = now;
    await this.locks.deleteMany({ deadline: { $lt: now - STALE_CLAIM_AGE_MS } });
  }

  async updateLockDeadline(jobKey: string, deadline: number, now: number): Promise<boolean> {
    const record = await this.jobs.findOne({ _id: jobKey });
    if (!record?.worker || record.lockDeadline === undefined || record.lockDeadline <= now) return false;
    // The claim decides who holds the job; both copies of its end move. (On FerretDB a lock that
    // ends at this very moment and is taken by another worker meanwhile can be extended too.)
    await this.locks.updateOne({ _id: jobLockId(jobKey, record.lockGeneration) }, { $set: { deadline } });
    await this.jobs.updateOne({ _id: jobKey }, { $set: { lockDeadline: deadline, activatableAt: deadline } });
    return true;
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
      const { won, heldElsewhere } = await claimJobLocks(
        this.locks,
        attempts,
        { worker, deadline, now },
        this.idLookups,
      );
      await this.recordLocks([...won.map((attempt) => ({ ...attempt, worker, deadline })), ...heldElsewhere]);
      activated.push(...(await this.lockedJobs(won, worker, deadline)));
    }
    return activated;
  }

  async search(filter: JobSearchFilter, page: PageRequest = {}): Promise<Page<JobRecord>> {
    const now = filter.now ?? Date.now();
    const query = {
      ...(filter.type !== undefined ? { type: filter.type } : {}),
      ...(filter.processInstanceKey !== undefined ? { processInstanceKey: filter.processInstanceKey } : {}),
      ...(filter.processDefinitionKey !== undefined
        ? { processDefinitionKey: filter.processDefinitionKey }
        : {}),
      ...(filter.elementId !== undefined ? { elementId: filter.elementId } : {}),
      ...(filter.suspended !== undefined ? { suspended: filter.suspended } : {}),
      ...(filter.locked === true ? { lockDeadline: { $gt: now } } : {}),
      ...(filter.locked === false
        ? { $or: [{ lockDeadline: { $exists: false } }, { lockDeadline: { $lte: now } }] }
        : {}),
    } as Filter<JobDocumentRecord>;
    const from = Math.max(0, page.from ?? 0);
    const limit = Math.max(0, page.limit ?? 100);
    const totalItems = await this.jobs.countDocuments(query);
    const records = await this.jobs.find(query).sort({ seq: 1, _id: 1 }).skip(from).limit(limit).toArray();
    return {
      items: records.map((record) => {
        const job = JSON.parse(record.job) as Job;
        return record.worker !== undefined && record.lockDeadline !== undefined
          ? { job, worker: record.worker, deadline: record.lockDeadline }
          : { job };
      }),
      totalItems,
    };
  }

  async nextActivatableAt(type: string, now: number): Promise<number | undefined> {
    const record = await this.jobs.findOne(
      { type, activatableAt: { $gt: now, $lt: NEVER } },
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
    const records = await findByIds(
      this.jobs,
      won.map((attempt) => attempt.jobKey),
      this.idLookups,
    );
    const byKey = new Map(records.map((record) => [record._id, record]));
    const removed = won.filter((attempt) => !byKey.has(attempt.jobKey));
    await deleteByIds(
      this.locks,
      removed.map((attempt) => jobLockId(attempt.jobKey, attempt.generation)),
      this.idLookups,
    );
    return won.flatMap((attempt) => {
      const record = byKey.get(attempt.jobKey);
      return record ? [{ job: JSON.parse(record.job) as Job, worker, deadline }] : [];
    });
  }
}
