// Job worker answers: COMPLETE_JOB moves the task on, FAIL_JOB retries or raises an incident,
// THROW_ERROR raises an incident (no error boundary events exist yet).
import type { CommandOf } from '@baton/contracts';
import { CommandRejectedError, type Draft } from './draft';
import { raiseIncident } from './incidents';
import type { Job } from './state';
import { setLocalVariables } from './variables';

function openJob(draft: Draft, jobKey: string, verb: string): Job {
  const job = draft.job(jobKey);
  if (!job)
    throw new CommandRejectedError(
      'NOT_FOUND',
      `Expected to ${verb} job with key '${jobKey}', but no such job was found.`,
    );
  if (job.state !== 'ACTIVATABLE') {
    throw new CommandRejectedError(
      'INVALID_STATE',
      `Expected to ${verb} job with key '${jobKey}', but it is in state '${job.state}'.`,
    );
  }
  return job;
}

function closeJob(draft: Draft, job: Job, changes: Partial<Job>): void {
  draft.putJob(Object.assign({}, job, changes));
  draft.emit({ type: 'JOB_CLOSED', jobKey: job.jobKey, processInstanceKey: draft.rootKey });
}

export function completeJob(draft: Draft, command: CommandOf<'COMPLETE_JOB'>): void {
  const job = openJob(draft, command.jobKey, 'complete');
  closeJob(draft, job, { state: 'COMPLETED' });
  draft.enqueue({ kind: 'complete', elementInstanceKey: job.elementInstanceKey, result: command.variables });
}

/** With retries left the job is activatable again after the back-off; without, an incident parks the token. */
export function failJob(draft: Draft, command: CommandOf<'FAIL_JOB'>): void {
  const job = openJob(draft, command.jobKey, 'fail');
  if (command.variables) setLocalVariables(draft, job.elementInstanceKey, command.variables);
  const errorMessage = command.errorMessage ?? job.errorMessage;
  const base = { retries: command.retries, ...(errorMessage !== undefined ? { errorMessage } : {}) };
  if (command.retries > 0) {
    const retried: Job = {
      ...job,
      ...base,
      state: 'ACTIVATABLE',
      retryAt: draft.ctx.now + (command.retryBackOff ?? 0),
    };
    draft.putJob(retried);
    draft.emit({ type: 'JOB_RETRY', job: retried });
    return;
  }
  closeJob(draft, job, { ...base, state: 'FAILED', retryAt: undefined });
  raiseIncident(draft, job.elementInstanceKey, {
    errorType: 'JOB_NO_RETRIES',
    errorMessage: command.errorMessage ?? 'No more retries left.',
    jobKey: job.jobKey,
  });
}

export function throwError(draft: Draft, command: CommandOf<'THROW_ERROR'>): void {
  const job = openJob(draft, command.jobKey, 'throw an error from');
  if (command.variables) setLocalVariables(draft, job.elementInstanceKey, command.variables);
  closeJob(draft, job, {
    state: 'ERROR_THROWN',
    ...(command.errorMessage !== undefined ? { errorMessage: command.errorMessage } : {}),
  });
  raiseIncident(draft, job.elementInstanceKey, {
    errorType: 'UNHANDLED_ERROR_EVENT',
    errorMessage: `Expected to throw an error event with the code '${command.errorCode}' with message '${command.errorMessage ?? ''}', but it was not caught. No error events are available in the scope.`,
    jobKey: job.jobKey,
  });
}
