// Camunda 7 suspension of a process instance and of its jobs. A suspended instance keeps every
// token where it is: job and user-task answers and incident resolution are refused (409), its jobs
// are not handed to workers, and what arrives from outside on its own (message correlations, due
// timers, child instance results) waits inside the instance and is applied, in order, on activation.
// Variables may still be changed and the instance may still be canceled.
import type { CommandOf, EngineCommand, EngineCommandType } from '@baton/contracts';
import type { ApplyContext, ApplyResult, DefinitionRef } from './apply-types';
import { CommandRejectedError, type Draft } from './draft';
import type { Effect } from './effects';
import type { InstanceState, Job } from './state';

/** Commands that would move a token and come from outside on their own: held until activation. */
const DEFERRED: ReadonlySet<EngineCommandType> = new Set<EngineCommandType>([
  'CORRELATE_MESSAGE',
  'TRIGGER_TIMER',
  'TRIGGER_SIGNAL',
  'CHILD_INSTANCE_COMPLETED',
  'CHILD_INSTANCE_REJECTED',
  'CHILD_INSTANCE_ERROR_THROWN',
  'ERROR_NOT_CAUGHT',
  'DECISION_EVALUATED',
]);

/** Commands a caller sends and must be told are refused while the instance is suspended. */
const REFUSED: ReadonlySet<EngineCommandType> = new Set<EngineCommandType>([
  'COMPLETE_JOB',
  'FAIL_JOB',
  'THROW_ERROR',
  'COMPLETE_USER_TASK',
  'ASSIGN_USER_TASK',
  'RESOLVE_INCIDENT',
  'CONTINUE_ASYNC',
]);

/** The sentence of the 409 refusing to start a suspended definition (REST, timer, Kafka start). */
export function suspendedDefinitionMessage(definition: Omit<DefinitionRef, 'model' | 'tenantId'>): string {
  return `Process definition '${definition.processDefinitionId}' (version ${definition.processDefinitionVersion}, key ${definition.processDefinitionKey}) is suspended: it cannot be instantiated until it is activated.`;
}

/** CREATE_INSTANCE of a suspended definition is refused. */
export function refuseSuspendedDefinition(ctx: ApplyContext): void {
  if (ctx.definition.suspended)
    throw new CommandRejectedError('INVALID_STATE', suspendedDefinitionMessage(ctx.definition));
}

/**
 * Applies the suspension rules before a command's handler. True when the command was held (kept
 * for activation); throws when it is refused; false when it goes on as usual.
 */
export function holdWhileSuspended(draft: Draft, command: EngineCommand): boolean {
  if (draft.header.suspended) {
    if (DEFERRED.has(command.type)) {
      // The caller's answer is given now (correlated, will run on activation); the replay has none.
      const { reply: _reply, ...held } = command;
      draft.setHeader({ deferredCommands: [...(draft.header.deferredCommands ?? []), held] });
      return true;
    }
    if (REFUSED.has(command.type))
      throw new CommandRejectedError(
        'INVALID_STATE',
        `Expected to ${describe(command)} in process instance '${draft.rootKey}', but the process instance is suspended.`,
      );
    return false;
  }
  if ('jobKey' in command && command.type !== 'SET_JOB_SUSPENSION' && command.type !== 'UPDATE_JOB_RETRIES') {
    const job = draft.job(command.jobKey);
    if (job?.suspended)
      throw new CommandRejectedError(
        'INVALID_STATE',
        `Expected to ${describe(command)}, but job '${job.jobKey}' is suspended.`,
      );
  }
  return false;
}

function describe(command: EngineCommand): string {
  const words = command.type.toLowerCase().replace(/_/g, ' ');
  return 'jobKey' in command ? `${words} '${command.jobKey}'` : words;
}

/** SUSPEND_INSTANCE: every open job becomes suspended (the job store stops handing it out). */
export function suspendInstance(draft: Draft): void {
  if (draft.header.suspended) return;
  draft.setHeader({ suspended: true });
  for (const job of openJobsOf(draft)) setSuspended(draft, job, true);
}

/**
 * ACTIVATE_INSTANCE: the instance and its open jobs are active again, except the jobs whose job
 * definition is suspended. The held commands are replayed by apply() (see replayDeferred).
 */
export function activateInstance(draft: Draft): void {
  if (!draft.header.suspended) return;
  draft.setHeader({ suspended: false, deferredCommands: [] });
  const held = new Set(draft.ctx.definition.suspendedJobElementIds ?? []);
  for (const job of openJobsOf(draft)) if (!held.has(jobDefinitionSlot(job))) setSuspended(draft, job, false);
}

/** SET_JOB_SUSPENSION: one job, or every open job of an element (a job definition's cascade). */
export function setJobSuspension(draft: Draft, command: CommandOf<'SET_JOB_SUSPENSION'>): void {
  const jobs =
    command.jobKey !== undefined
      ? [draft.job(command.jobKey)].filter((job): job is Job => job !== undefined)
      : openJobsOf(draft).filter((job) => jobDefinitionSlot(job) === command.elementId);
  if (command.jobKey !== undefined && jobs.length === 0)
    throw new CommandRejectedError(
      'NOT_FOUND',
      `Expected to change the suspension of job with key '${command.jobKey}', but no such job was found.`,
    );
  if (!command.suspended && draft.header.suspended && command.jobKey !== undefined)
    throw new CommandRejectedError(
      'INVALID_STATE',
      `Expected to activate job '${command.jobKey}', but its process instance '${draft.rootKey}' is suspended; activate the process instance.`,
    );
  // A job definition's cascade leaves the jobs of a suspended instance suspended.
  if (!command.suspended && draft.header.suspended) return;
  for (const job of jobs) {
    if (job.state !== 'ACTIVATABLE') {
      if (command.jobKey === undefined) continue;
      throw new CommandRejectedError(
        'INVALID_STATE',
        `Expected to change the suspension of job with key '${job.jobKey}', but it is in state '${job.state}'.`,
      );
    }
    setSuspended(draft, job, command.suspended);
  }
}

/** Whether a job created now at this element starts suspended (instance or job definition suspended). */
export function createdSuspended(draft: Draft, elementId: string): boolean {
  return (
    draft.header.suspended === true || (draft.ctx.definition.suspendedJobElementIds ?? []).includes(elementId)
  );
}

/**
 * What names a job's job definition within its process: the element id, or for the engine's own
 * continuation jobs `<elementId>#asyncBefore` / `<elementId>#asyncAfter`.
 */
export function asyncJobElementId(elementId: string, side: 'before' | 'after'): string {
  return side === 'before' ? `${elementId}#asyncBefore` : `${elementId}#asyncAfter`;
}

export function jobDefinitionSlot(job: Job): string {
  return job.asyncContinuation ? asyncJobElementId(job.elementId, job.asyncContinuation) : job.elementId;
}

function openJobsOf(draft: Draft): Job[] {
  return Object.values(draft.state.jobs).filter((job) => job.state === 'ACTIVATABLE');
}

/** JOB_CREATED carries the job again: the job store keeps it, activatable or not. */
function setSuspended(draft: Draft, job: Job, suspended: boolean): void {
  if ((job.suspended ?? false) === suspended) return;
  const { suspended: _previous, ...rest } = job;
  const next: Job = suspended ? { ...rest, suspended: true } : rest;
  draft.putJob(next);
  draft.emit({ type: 'JOB_CREATED', job: next });
}

type ApplyOnce = (state: InstanceState | undefined, command: EngineCommand, ctx: ApplyContext) => ApplyResult;

/**
 * On ACTIVATE_INSTANCE the commands held while the instance was suspended are applied one after
 * the other to the activated state, as if they had just arrived: a refused one (its element no
 * longer waits) is dropped, as it would have been when it first arrived.
 */
export function replayDeferred(
  activated: ApplyResult,
  deferred: readonly EngineCommand[],
  ctx: ApplyContext,
  applyOnce: ApplyOnce,
): ApplyResult {
  let state = activated.state;
  const effects: Effect[] = [...activated.effects];
  for (const command of deferred) {
    if (state?.state !== 'ACTIVE') break;
    const result = applyOnce(state, command, ctx);
    if (result.rejection) continue;
    state = result.state;
    effects.push(...result.effects);
  }
  return { state, effects };
}
