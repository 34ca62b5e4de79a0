// Camunda 7 asynchronous continuations (camunda:asyncBefore / asyncAfter). The token waits at the
// element as a job of the engine's own (type ASYNC_CONTINUATION_JOB_TYPE, one job definition per
// element and side): the runtime sees the job created and answers it with CONTINUE_ASYNC, unless
// the job is suspended — which is how suspending the continuation's job definition holds the
// instances at that activity. A multi-instance activity does not take continuations (documented).
import { ASYNC_CONTINUATION_JOB_TYPE, type FlowNode } from '@baton/bpmn';
import type { CommandOf } from '@baton/contracts';
import { CommandRejectedError, type Draft } from '../instance/draft';
import type { ElementInstance, Job } from '../instance/state';
import { asyncJobElementId, createdSuspended } from '../instance/suspension';

/** True when the element waits for its asyncBefore job now (the caller must not activate it). */
export function holdBeforeActivation(draft: Draft, node: FlowNode, instance: ElementInstance): boolean {
  if (!node.asyncBefore || node.multiInstance || instance.asyncBeforeDone) return false;
  if (instance.jobKey !== undefined) return true;
  createContinuationJob(draft, instance, 'before');
  return true;
}

/** True when the element waits for its asyncAfter job now (the caller must not leave it). */
export function holdBeforeLeaving(draft: Draft, node: FlowNode, instance: ElementInstance): boolean {
  if (!node.asyncAfter || node.multiInstance || instance.asyncAfterDone) return false;
  createContinuationJob(draft, instance, 'after');
  return true;
}

function createContinuationJob(draft: Draft, instance: ElementInstance, side: 'before' | 'after'): void {
  const { definition } = draft.ctx;
  const jobElementId = asyncJobElementId(instance.elementId, side);
  const job: Job = {
    jobKey: draft.key(),
    type: ASYNC_CONTINUATION_JOB_TYPE,
    processInstanceKey: draft.rootKey,
    processDefinitionKey: definition.processDefinitionKey,
    processDefinitionId: definition.processDefinitionId,
    processDefinitionVersion: definition.processDefinitionVersion,
    elementId: instance.elementId,
    elementInstanceKey: instance.key,
    customHeaders: {},
    retries: 1,
    state: 'ACTIVATABLE',
    asyncContinuation: side,
    ...(createdSuspended(draft, jobElementId) ? { suspended: true } : {}),
    tenantId: definition.tenantId,
  };
  draft.putJob(job);
  draft.updateElementInstance(instance.key, { jobKey: job.jobKey });
  draft.emit({ type: 'JOB_CREATED', job });
}

/** CONTINUE_ASYNC: the continuation job is done; the element is activated or left. */
export function continueAsync(draft: Draft, command: CommandOf<'CONTINUE_ASYNC'>): void {
  const job = draft.job(command.jobKey);
  if (!job?.asyncContinuation || job.state !== 'ACTIVATABLE')
    throw new CommandRejectedError(
      'NOT_FOUND',
      `Expected to continue asynchronous job '${command.jobKey}', but no such open job was found.`,
    );
  draft.putJob({ ...job, state: 'COMPLETED' });
  draft.emit({ type: 'JOB_CLOSED', jobKey: job.jobKey, processInstanceKey: draft.rootKey });
  const side = job.asyncContinuation;
  draft.updateElementInstance(job.elementInstanceKey, {
    jobKey: undefined,
    ...(side === 'before' ? { asyncBeforeDone: true as const } : { asyncAfterDone: true as const }),
  });
  draft.enqueue({
    kind: side === 'before' ? 'activate' : 'complete',
    elementInstanceKey: job.elementInstanceKey,
  });
}
