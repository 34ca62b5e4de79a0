// The job store port: activatable jobs indexed by type, with worker locks. Activation must hand
// a job to one worker at a time; the MongoDB adapter does it with one conditional update per job.
import type { Job } from '@baton/engine-core';
import type { WriteFence } from './write-fence';
import type { Page, PageRequest } from './query';

/** A job with its current lock, if any. */
export interface JobRecord {
  readonly job: Job;
  /** The worker holding the job, while `deadline` is in the future. */
  readonly worker?: string;
  /** Epoch ms when the lock ends; past it, the job is activatable again. */
  readonly deadline?: number;
}

export interface ActivationRequest {
  readonly type: string;
  readonly worker: string;
  readonly timeoutMs: number;
  readonly maxJobs: number;
  /** Epoch ms "now" (injected for tests). */
  readonly now: number;
}

/**
 * One change of a dispatch: a job stored or forgotten. A stored job is activatable (its lock
 * released), unless it comes with `lock`: it was handed to that worker as it was created (a Kafka
 * job published by the instance's owner, DESIGN §3.11) and is activatable again only once the lock
 * ends, as if activated then. Such a lock has no claim of its own: only a job no activation could
 * have seen yet (new, or coming out of a suspension) may be stored locked.
 */
export type JobChange =
  | {
      readonly kind: 'upsert';
      readonly job: Job;
      readonly lock?: JobLock;
      /**
       * A hint: the writer knows no version of the job was stored before (it was created since the
       * last write), so an insert suffices. Either value ends with the job stored as given.
       */
      readonly created?: boolean;
    }
  | { readonly kind: 'remove'; readonly jobKey: string }
  /**
   * The stored job's fields are replaced by `job`'s, its lock and activation time kept (a process
   * instance migration moves an open job to another element and definition while a worker may
   * hold it); nothing happens when the job is not stored.
   */
  | { readonly kind: 'relabel'; readonly job: Job }
  /**
   * The job stored as activatable unless a version of it is stored already, which stays as it is
   * (its lock too). A partition's next owner restores with it the jobs of instances it finds
   * stored: their previous owner may have held a job back from the store when it died, a job its
   * Kafka worker was expected to answer within a moment (services/engine snapshot-writer.ts).
   */
  | { readonly kind: 'ensure'; readonly job: Job };

/** Who holds a job until when (epoch ms). */
export interface JobLock {
  readonly worker: string;
  readonly deadline: number;
}

/** What a job search matches (every field optional; all given must match). */
export interface JobSearchFilter {
  readonly type?: string;
  readonly processInstanceKey?: string;
  readonly processDefinitionKey?: string;
  readonly elementId?: string;
  readonly suspended?: boolean;
  /** Locked by a worker at `now` (ACTIVATED) or not (ACTIVATABLE). */
  readonly locked?: boolean;
  /** Epoch ms "now" for `locked`. */
  readonly now?: number;
}

export interface JobStore {
  /**
   * The job changes of one dispatch, in effect order, written together (the last change of a job
   * wins). Same outcome as calling upsert / remove one after another. `fence` is called before
   * each command; when it throws, the write stops there with its error.
   */
  applyChanges(changes: readonly JobChange[], fence?: WriteFence): Promise<void>;
  /** Stores a job that is (again) activatable, releasing any lock (JOB_CREATED / JOB_RETRY). */
  upsert(job: Job): Promise<void>;
  /** Forgets a job that can no longer be activated (JOB_CLOSED). */
  remove(jobKey: string): Promise<void>;
  get(jobKey: string): Promise<JobRecord | undefined>;
  /**
   * Moves the end of the lock of an activated job (PATCH /v2/jobs/{key} timeout). False when the
   * job is not locked at `now` (never activated, lock ended, or gone).
   */
  updateLockDeadline(jobKey: string, deadline: number, now: number): Promise<boolean>;
  /**
   * Locks up to `maxJobs` jobs of the type for the worker, oldest first, and returns them. Skips
   * jobs locked until later and jobs whose `retryAt` is in the future; a job is never returned to
   * two activations whose locks overlap.
   */
  activate(request: ActivationRequest): Promise<readonly Required<JobRecord>[]>;
  /**
   * The earliest future time at which a job of the type becomes activatable without a new write
   * (a retry back-off or a lock ends); `undefined` when none will. Long pollers wake up then.
   */
  nextActivatableAt(type: string, now: number): Promise<number | undefined>;
  /** The stored jobs (open, incl. suspended and locked ones) matching the filter, oldest first. */
  search(filter: JobSearchFilter, page?: PageRequest): Promise<Page<JobRecord>>;
}
