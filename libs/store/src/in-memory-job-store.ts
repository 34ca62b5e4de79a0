// The embedded job store. Activation runs synchronously inside one call, so two activations
// can never lock the same job: JavaScript gives us the atomicity a database update would.
import type { Job } from '@baton/engine-core';
import type { ActivationRequest, JobChange, JobRecord, JobStore } from './job-store';

/** The in-memory implementation of {@link JobStore}. */
export class InMemoryJobStore implements JobStore {
  private readonly records = new Map<string, JobRecord>();
  /** Job keys per type, in insertion order (oldest first). */
  private readonly byType = new Map<string, Set<string>>();

  async applyChanges(changes: readonly JobChange[]): Promise<void> {
    for (const change of changes) {
      if (change.kind === 'upsert') await this.upsert(change.job);
      else await this.remove(change.jobKey);
    }
  }

  upsert(job: Job): Promise<void> {
    const previous = this.records.get(job.jobKey);
    if (previous && previous.job.type !== job.type) this.byType.get(previous.job.type)?.delete(job.jobKey);
    this.records.set(job.jobKey, { job });
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

  nextActivatableAt(type: string, now: number): Promise<number | undefined> {
    let earliest: number | undefined;
    for (const jobKey of this.byType.get(type) ?? []) {
      const record = this.records.get(jobKey);
      if (!record) continue;
      const at = Math.max(record.job.retryAt ?? 0, record.deadline ?? 0);
      if (at > now && (earliest === undefined || at < earliest)) earliest = at;
    }
    return Promise.resolve(earliest);
  }
}

function isActivatable(record: JobRecord, now: number): boolean {
  if (record.deadline !== undefined && record.deadline > now) return false;
  return record.job.retryAt === undefined || record.job.retryAt <= now;
}
