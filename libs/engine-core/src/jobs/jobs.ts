// Jobs: a service/send/business-rule (or worker-implemented script) task publishes a job and
// waits for a worker's answer; these helpers create and close job records.
import type { JobDefinitionModel } from '@baton/bpmn';
import { raiseIncident } from '../errors/incidents';
import type { Draft } from '../instance/draft';
import type { ElementInstance, Job } from '../instance/state';
import { createdSuspended } from '../instance/suspension';
import { collectVisibleVariables } from '../variables/scope-chain';
import { extractInteger, extractString } from '../variables/value-sources';

/**
 * Creates the job of a task element instance and emits JOB_CREATED; a job type or retries
 * expression that fails raises an EXTRACT_VALUE_ERROR incident instead.
 */
export function createJob(draft: Draft, instance: ElementInstance, definition: JobDefinitionModel): void {
  const context = collectVisibleVariables(draft, instance.key);
  const type = extractString(definition.type, context);
  const retries = type.ok ? extractInteger(definition.retries, context) : type;
  if (!type.ok || !retries.ok) {
    const message = !type.ok ? type.message : !retries.ok ? retries.message : '';
    raiseIncident(draft, instance.key, {
      errorType: 'EXTRACT_VALUE_ERROR',
      errorMessage: message,
      pendingStep: 'ACTIVATE',
    });
    return;
  }
  const { definition: ref } = draft.ctx;
  const job: Job = {
    jobKey: draft.key(),
    type: type.value,
    processInstanceKey: draft.rootKey,
    processDefinitionKey: ref.processDefinitionKey,
    processDefinitionId: ref.processDefinitionId,
    processDefinitionVersion: ref.processDefinitionVersion,
    elementId: instance.elementId,
    elementInstanceKey: instance.key,
    customHeaders: definition.headers,
    retries: retries.value,
    state: 'ACTIVATABLE',
    ...(createdSuspended(draft, instance.elementId) ? { suspended: true } : {}),
    tenantId: ref.tenantId,
  };
  draft.putJob(job);
  draft.updateElementInstance(instance.key, { jobKey: job.jobKey });
  draft.emit({ type: 'JOB_CREATED', job });
}

/** True while a worker may still answer the job. */
export function isJobOpen(job: Job): boolean {
  return job.state === 'ACTIVATABLE';
}

/** Closes a job that is still open or parked in an incident (e.g. on termination). */
export function cancelJob(draft: Draft, jobKey: string): void {
  const job = draft.job(jobKey);
  if (!job || (job.state !== 'ACTIVATABLE' && job.state !== 'FAILED' && job.state !== 'ERROR_THROWN')) return;
  draft.putJob({ ...job, state: 'CANCELED' });
  if (job.state === 'ACTIVATABLE')
    draft.emit({ type: 'JOB_CLOSED', jobKey, processInstanceKey: draft.rootKey });
}
