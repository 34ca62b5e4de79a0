// Job activation with long polling: lock what is available; when nothing is, wait for a wake-up
// (jobs of the type created or retried) or for the moment a back-off or lock ends, up to the
// request's deadline. No polling loop: every wait ends on an event or a timer.
import { visibleVariables } from '@baton/engine-core';
import type { InstanceStore, JobStore } from '@baton/store';
import type { ActivatedJob, ActivateJobsRequest } from '../engine-service';
import type { JobWaiters } from './job-waiters';

export interface JobActivatorOptions {
  readonly jobs: JobStore;
  readonly instances: InstanceStore;
  readonly waiters: JobWaiters;
  /** @default Date.now */
  readonly clock?: () => number;
}

/** Serves activate-jobs requests. */
export class JobActivator {
  private closed = false;
  constructor(private readonly options: JobActivatorOptions) {}

  async activate(request: ActivateJobsRequest): Promise<readonly ActivatedJob[]> {
    const clock = this.options.clock ?? Date.now;
    const deadline = clock() + Math.max(0, request.requestTimeoutMs ?? 0);
    for (;;) {
      const signal = this.options.waiters.arm(request.type);
      try {
        const now = clock();
        const locked = await this.options.jobs.activate({
          type: request.type,
          worker: request.worker,
          timeoutMs: request.timeoutMs,
          maxJobs: request.maxJobsToActivate,
          now,
        });
        if (locked.length > 0) return this.withVariables(locked, request.fetchVariable);
        if (this.closed || now >= deadline) return [];
        const next = await this.options.jobs.nextActivatableAt(request.type, now);
        await signal.wait(next === undefined ? deadline : Math.min(deadline, next));
      } finally {
        signal.dispose();
      }
    }
  }

  /** Ends the waits of every poller (they answer with no jobs). */
  close(): void {
    this.closed = true;
    this.options.waiters.close();
  }

  private async withVariables(
    locked: readonly { job: ActivatedJob['job']; worker: string; deadline: number }[],
    fetchVariable: readonly string[] | undefined,
  ): Promise<ActivatedJob[]> {
    const documents = await this.options.instances.getMany([
      ...new Set(locked.map(({ job }) => job.processInstanceKey)),
    ]);
    return locked.map(({ job, worker, deadline }) => {
      const document = documents.get(job.processInstanceKey);
      const all = document ? visibleVariables(document, job.elementInstanceKey) : {};
      return { job, worker, deadline, variables: pick(all, fetchVariable) };
    });
  }
}

function pick(
  variables: Readonly<Record<string, unknown>>,
  names: readonly string[] | undefined,
): Record<string, unknown> {
  if (!names || names.length === 0) return { ...variables };
  const picked: Record<string, unknown> = {};
  for (const name of names)
    if (Object.prototype.hasOwnProperty.call(variables, name)) picked[name] = variables[name];
  return picked;
}
