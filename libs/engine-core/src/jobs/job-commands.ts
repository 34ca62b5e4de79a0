// Job worker answers: COMPLETE_JOB moves the task on, FAIL_JOB retries or raises an incident,
// THROW_ERROR throws a BPMN error: caught by an error boundary event or event subprocess
// (errors/bpmn-errors.ts), else an incident.
import type { CommandOf } from '@baton/contracts';
import { catchError, findErrorCatch, propagateToParent, unhandledErrorMessage } from '../errors/bpmn-errors';
import { raiseIncident } from '../errors/incidents';
import { CommandRejectedError, type Draft } from '../instance/draft';
import type { Job } from '../instance/state';
import { setLocalVariables } from '../variables/variables';

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
  closeJob(draft, job, {
    state: 'ERROR_THROWN',
    ...(command.errorMessage !== undefined ? { errorMessage: command.errorMessage } : {}),
  });
  const error = {
    errorCode: command.errorCode,
    ...(command.errorMessage !== undefined ? { errorMessage: command.errorMessage } : {}),
    ...(command.variables !== undefined ? { variables: command.variables } : {}),
  };
  const found = findErrorCatch(draft, job.elementInstanceKey, command.errorCode);
  if (found) {
    // The job ended with its error: the termination of its task must not cancel it as well.
    draft.updateElementInstance(job.elementInstanceKey, { jobKey: undefined });
    catchError(draft, found, error);
    return;
  }
  if (command.variables) setLocalVariables(draft, job.elementInstanceKey, command.variables);
  // A child instance's error may be caught in its parent (errors/child-errors.ts).
  if (propagateToParent(draft, job.elementInstanceKey, error, job.jobKey)) return;
  raiseIncident(draft, job.elementInstanceKey, {
    errorType: 'UNHANDLED_ERROR_EVENT',
    errorMessage: unhandledErrorMessage(error),
    jobKey: job.jobKey,
  });
}

/**
 * Sets the retries of a job still open or parked in an incident (FAILED). Nothing else moves:
 * resolving the incident (RESOLVE_INCIDENT) is what makes a failed job activatable again.
 */
export function updateJobRetries(draft: Draft, command: CommandOf<'UPDATE_JOB_RETRIES'>): void {
  const job = draft.job(command.jobKey);
  if (!job)
    throw new CommandRejectedError(
      'NOT_FOUND',
      `Expected to update the retries of job with key '${command.jobKey}', but no such job was found.`,
    );
  if (job.state !== 'ACTIVATABLE' && job.state !== 'FAILED') {
    throw new CommandRejectedError(
      'INVALID_STATE',
      `Expected to update the retries of job with key '${command.jobKey}', but it is in state '${job.state}'.`,
    );
  }
  draft.putJob({ ...job, retries: command.retries });
}
