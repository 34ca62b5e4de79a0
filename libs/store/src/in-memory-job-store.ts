// The embedded job store. Activation runs synchronously inside one call, so two activations
// can never lock the same job: JavaScript gives us the atomicity a database update would.
import type { Job } from '@baton/engine-core';
import type { WriteFence } from './write-fence';
import type {
  ActivationRequest,
  JobChange,
  JobLock,
  JobRecord,
  JobSearchFilter,
  JobStore,
} from './job-store';
import type { Page, PageRequest } from './query';

/** The in-memory implementation of {@link JobStore}. */
export class InMemoryJobStore implements JobStore {
  private readonly records = new Map<string, JobRecord>();
  /** Job keys per type, in insertion order (oldest first). */
  private readonly byType = new Map<string, Set<string>>();

  async applyChanges(changes: readonly JobChange[], fence?: WriteFence): Promise<void> {
    fence?.();
    for (const change of changes) {
      if (change.kind === 'upsert') await this.upsert(change.job, change.lock);
      else if (change.kind === 'relabel') this.relabel(change.job);
      else if (change.kind === 'ensure') {
        if (!this.records.has(change.job.jobKey)) await this.upsert(change.job);
      } else await this.remove(change.jobKey);
    }
  }

  /** The job's fields replaced, its lock kept; the type index follows the job's type. */
  private relabel(job: Job): void {
    const previous = this.records.get(job.jobKey);
    if (!previous) return;
    this.records.set(job.jobKey, { ...previous, job });
    if (previous.job.type !== job.type) {
      this.byType.get(previous.job.type)?.delete(job.jobKey);
      let keys = this.byType.get(job.type);
      if (!keys) this.byType.set(job.type, (keys = new Set()));
      keys.add(job.jobKey);
    }
  }

  upsert(job: Job, lock?: JobLock): Promise<void> {
    const previous = this.records.get(job.jobKey);
    if (previous && previous.job.type !== job.type) this.byType.get(previous.job.type)?.delete(job.jobKey);
    this.records.set(job.jobKey, lock ? { job, worker: lock.worker, deadline: lock.deadline } : { job });
    let keys = this.byType.get(job.type);
    if (!keys) this.byType.set(job.type, (keys = new Set()));
    keys.add(job.jobKey);
    return Promise.resolve();
  }

  remove(jobKey: string): Promise<void> {
    const record = this.records.get(jobKey);
    if (record) {
      this.records.delete(jobKey);
      this.byType.get(record.job.type)?.delete(jobKey);
    }
    return Promise.resolve();
  }

  updateLockDeadline(jobKey: string, deadline: number, now: number): Promise<boolean> {
    const record = this.records.get(jobKey);
    if (!record?.worker || record.deadline === undefined || record.deadline <= now)
      return Promise.resolve(false);
    this.records.set(jobKey, { ...record, deadline });
    return Promise.resolve(true);
  }

  get(jobKey: string): Promise<JobRecord | undefined> {
    return Promise.resolve(this.records.get(jobKey));
  }

  activate(request: ActivationRequest): Promise<readonly Required<JobRecord>[]> {
    const activated: Required<JobRecord>[] = [];
    for (const jobKey of this.byType.get(request.type) ?? []) {
      if (activated.length >= request.maxJobs) break;
      const record = this.records.get(jobKey);
      if (!record || !isActivatable(record, request.now)) continue;
      const locked = { job: record.job, worker: request.worker, deadline: request.now + request.timeoutMs };
      this.records.set(jobKey, locked);
      activated.push(locked);
    }
    return Promise.resolve(activated);
  }

  search(filter: JobSearchFilter, page: PageRequest = {}): Promise<Page<JobRecord>> {
    // Insertion order is creation order (oldest first), as activation hands them out.
    const matching = [...this.records.values()].filter((record) => matchesJobFilter(record, filter));
    const from = Math.max(0, page.from ?? 0);
    const limit = Math.max(0, page.limit ?? 100);
    return Promise.resolve({ items: matching.slice(from, from + limit), totalItems: matching.length });
  }

  nextActivatableAt(type: string, now: number): Promise<number | undefined> {
    let earliest: number | undefined;
    for (const jobKey of this.byType.get(type) ?? []) {
      const record = this.records.get(jobKey);
      if (!record || record.job.suspended) continue;
      const at = Math.max(record.job.retryAt ?? 0, record.deadline ?? 0);
      if (at > now && (earliest === undefined || at < earliest)) earliest = at;
    }
    return Promise.resolve(earliest);
  }
}

/** Whether a record matches a job search filter (shared by the adapters' tests through the contract). */
function matchesJobFilter(record: JobRecord, filter: JobSearchFilter): boolean {
  const { job } = record;
  const locked = record.deadline !== undefined && record.deadline > (filter.now ?? Date.now());
  return (
    (filter.type === undefined || job.type === filter.type) &&
    (filter.processInstanceKey === undefined || job.processInstanceKey === filter.processInstanceKey) &&
    (filter.processDefinitionKey === undefined || job.processDefinitionKey === filter.processDefinitionKey) &&
    (filter.elementId === undefined || job.elementId === filter.elementId) &&
    (filter.suspended === undefined || (job.suspended ?? false) === filter.suspended) &&
    (filter.locked === undefined || locked === filter.locked)
  );
}

function isActivatable(record: JobRecord, now: number): boolean {
  if (record.job.suspended) return false;
  if (record.deadline !== undefined && record.deadline > now) return false;
  return record.job.retryAt === undefined || record.job.retryAt <= now;
}
