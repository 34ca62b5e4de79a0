// Commands on the instance as a whole: cancellation, incident resolution, variable updates.
import type { CommandOf } from '@baton/contracts';
import { closeIncident } from '../errors/incidents';
import { endElementInstance } from '../flow/element-instances';
import { terminateScopeContents } from '../flow/termination';
import { propagateVariables, setLocalVariables } from '../variables/variables';
import { CommandRejectedError, type Draft } from './draft';
import { answerAwaitingReplies } from './replies';

/** Terminates every token, job, user task and element instance; the instance ends TERMINATED. */
export function cancelInstance(draft: Draft): void {
  terminateScopeContents(draft, draft.rootKey);
  endElementInstance(draft, draft.rootKey, 'TERMINATED');
  draft.setHeader({ state: 'TERMINATED', endDate: draft.nowIso });
  answerAwaitingReplies(draft);
}

/**
 * Resolves an incident and retries what failed: a job incident makes the job activatable again
 * (JOB_NO_RETRIES only when its retries were raised); others re-run the failed activation or completion.
 */
export function resolveIncident(draft: Draft, command: CommandOf<'RESOLVE_INCIDENT'>): void {
  const incident = draft.incident(command.incidentKey);
  if (!incident)
    throw new CommandRejectedError(
      'NOT_FOUND',
      `Expected to resolve incident with key '${command.incidentKey}', but no such incident was found.`,
    );
  if (incident.state !== 'ACTIVE') {
    throw new CommandRejectedError(
      'INVALID_STATE',
      `Expected to resolve incident with key '${command.incidentKey}', but it is already resolved.`,
    );
  }
  if (incident.jobKey !== undefined) {
    const job = draft.job(incident.jobKey);
    if (!job)
      throw new Error(`internal: incident ${incident.incidentKey} names unknown job ${incident.jobKey}`);
    if (incident.errorType === 'JOB_NO_RETRIES' && job.retries <= 0) {
      throw new CommandRejectedError(
        'INVALID_STATE',
        `Expected to resolve incident with key '${command.incidentKey}', but job '${job.jobKey}' has no retries left; update the job's retries first.`,
      );
    }
    closeIncident(draft, incident.incidentKey);
    const reopened = {
      ...job,
      state: 'ACTIVATABLE' as const,
      retries: Math.max(job.retries, 1),
      retryAt: undefined,
    };
    draft.putJob(reopened);
    draft.emit({ type: 'JOB_CREATED', job: reopened });
    return;
  }
  const pendingStep = draft.elementInstance(incident.elementInstanceKey)?.pendingStep ?? 'ACTIVATE';
  closeIncident(draft, incident.incidentKey);
  draft.enqueue({
    kind: pendingStep === 'COMPLETE' ? 'complete' : 'activate',
    elementInstanceKey: incident.elementInstanceKey,
  });
}

/** Sets variables in a scope (`local`) or from it with propagation. */
export function setVariables(draft: Draft, command: CommandOf<'SET_VARIABLES'>): void {
  const scopeKey = command.elementInstanceKey;
  const instance = draft.elementInstance(scopeKey);
  if (!instance || instance.state !== 'ACTIVE') {
    throw new CommandRejectedError(
      'NOT_FOUND',
      `Expected to set variables on element instance '${scopeKey}', but no such active element instance was found.`,
    );
  }
  if (command.local) setLocalVariables(draft, scopeKey, command.variables);
  else propagateVariables(draft, scopeKey, command.variables);
}
