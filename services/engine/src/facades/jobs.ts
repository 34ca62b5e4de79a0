// Jobs: REST activation (long poll through the activator) and the worker's answers, each a
// command on the job's instance.
import type { Variables } from '@baton/contracts';
import type { InstanceStore, JobStore } from '@baton/store';
import type { ActivateJobsRequest, ActivatedJob } from '../engine-service';
import { jobNotActivated } from '../errors';
import type { CommandSender } from '../runtime/command-sender';
import type { JobActivator } from '../runtime/job-activator';
import { newCommand } from '../runtime/new-command';
import { instanceOfJob } from './instance-lookup';

export interface JobsFacadeOptions {
  readonly jobs: JobStore;
  readonly instances: InstanceStore;
  readonly activator: JobActivator;
  readonly commands: CommandSender;
  readonly clock: () => number;
}

export class JobsFacade {
  constructor(private readonly options: JobsFacadeOptions) {}

  activateJobs(request: ActivateJobsRequest): Promise<readonly ActivatedJob[]> {
    return this.options.activator.activate(request);
  }

  async updateJob(jobKey: string, changes: { retries?: number; timeoutMs?: number }): Promise<void> {
    const processInstanceKey = await this.instanceOf(jobKey);
    if (changes.retries !== undefined) {
      const { retries } = changes;
      await this.options.commands.sendAndAwait(
        newCommand({ type: 'UPDATE_JOB_RETRIES', processInstanceKey, jobKey, retries }),
      );
    }
    if (changes.timeoutMs !== undefined) {
      const now = this.options.clock();
      if (!(await this.options.jobs.updateLockDeadline(jobKey, now + changes.timeoutMs, now)))
        throw jobNotActivated(jobKey);
    }
  }

  async completeJob(jobKey: string, variables: Variables = {}): Promise<void> {
    const processInstanceKey = await this.instanceOf(jobKey);
    await this.options.commands.sendAndAwait(
      newCommand({ type: 'COMPLETE_JOB', processInstanceKey, jobKey, variables }),
    );
  }

  async failJob(
    jobKey: string,
    failure: { retries: number; errorMessage?: string; retryBackOffMs?: number; variables?: Variables },
  ): Promise<void> {
    const processInstanceKey = await this.instanceOf(jobKey);
    await this.options.commands.sendAndAwait(
      newCommand({
        type: 'FAIL_JOB',
        processInstanceKey,
        jobKey,
        retries: failure.retries,
        ...(failure.errorMessage !== undefined ? { errorMessage: failure.errorMessage } : {}),
        ...(failure.retryBackOffMs !== undefined ? { retryBackOff: failure.retryBackOffMs } : {}),
        ...(failure.variables !== undefined ? { variables: failure.variables } : {}),
      }),
    );
  }

  async throwJobError(
    jobKey: string,
    error: { errorCode: string; errorMessage?: string; variables?: Variables },
  ): Promise<void> {
    const processInstanceKey = await this.instanceOf(jobKey);
    await this.options.commands.sendAndAwait(
      newCommand({
        type: 'THROW_ERROR',
        processInstanceKey,
        jobKey,
        errorCode: error.errorCode,
        ...(error.errorMessage !== undefined ? { errorMessage: error.errorMessage } : {}),
        ...(error.variables !== undefined ? { variables: error.variables } : {}),
      }),
    );
  }

  private instanceOf(jobKey: string): Promise<string> {
    return instanceOfJob(this.options.jobs, this.options.instances, jobKey);
  }
}
