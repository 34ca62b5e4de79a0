// apply(state, command, ctx): the pure core of DESIGN §3.1. Dispatches a command to its handler,
// advances every token until it waits or ends, and adds the INSTANCE_EVENT and the REPLY.
import type { EngineCommand } from '@baton/contracts';
import { completeDecisionEvaluation } from '../elements/business-rule-task';
import { completeCallActivity, rejectCallActivity } from '../elements/call-activity';
import { elementHooks } from '../elements/registry';
import { catchChildError, errorNotCaught } from '../errors/child-errors';
import { catchChildEscalation } from '../events/escalations';
import { correlateMessage, triggerTimer } from '../events/event-triggers';
import { triggerSignal } from '../events/signal-triggers';
import { advance } from '../flow/advance';
import { continueAsync } from '../jobs/async-continuation';
import { migrateInstance } from '../migration/migrate-instance';
import { modifyInstance } from '../modification/modify-instance';
import { completeJob, failJob, throwError, updateJobRetries } from '../jobs/job-commands';
import { createInstance } from '../start/create-instance';
import { assignUserTask, completeUserTask } from '../user-tasks/user-task-commands';
import type { ApplyContext, ApplyResult } from './apply-types';
import { CommandRejectedError, Draft } from './draft';
import { cancelInstance, resolveIncident, setVariables } from './instance-commands';
import { instanceChange } from './instance-change';
import { toInstanceEvent } from './instance-event';
import { answerWaitStateReplies, awaitsDecision, fetchedVariables, okReply, rejectionReply } from './replies';
import type { InstanceState } from './state';
import {
  activateInstance,
  holdWhileSuspended,
  refuseSuspendedDefinition,
  replayDeferred,
  setJobSuspension,
  suspendInstance,
} from './suspension';

/**
 * Applies one command to one instance. Pure: time and keys come from `ctx`, the input state is
 * never mutated, and the same inputs always give the same result. A refused command leaves the
 * state unchanged and carries a `rejection` (plus a REJECTED reply when the command has a target).
 */
export function apply(
  state: InstanceState | undefined,
  command: EngineCommand,
  ctx: ApplyContext,
): ApplyResult {
  const result = applyOnce(state, command, ctx);
  // Activation replays what waited while the instance was suspended, in arrival order.
  if (command.type !== 'ACTIVATE_INSTANCE' || result.rejection || !state?.deferredCommands?.length)
    return result;
  return replayDeferred(result, state.deferredCommands, ctx, applyOnce);
}

function applyOnce(state: InstanceState | undefined, command: EngineCommand, ctx: ApplyContext): ApplyResult {
  try {
    const draft = dispatch(state, command, ctx);
    advance(draft);
    if (command.type === 'DECISION_EVALUATED') answerWaitStateReplies(draft);
    const after = draft.state;
    const change = instanceChange(state, after, command);
    draft.emit({ type: 'INSTANCE_EVENT', event: toInstanceEvent(after, ctx.now, draft.nowIso, change) });
    if (command.reply) answerCommand(draft, command.reply);
    return { state: draft.state, effects: draft.effects };
  } catch (error) {
    if (!(error instanceof CommandRejectedError)) throw error;
    const rejection = { code: error.code, message: error.message };
    return {
      state,
      effects: command.reply ? [rejectionReply(command.reply, rejection.code, rejection.message)] : [],
      rejection,
    };
  }
}

function dispatch(state: InstanceState | undefined, command: EngineCommand, ctx: ApplyContext): Draft {
  if (command.type === 'CREATE_INSTANCE') {
    if (state)
      throw new CommandRejectedError(
        'INVALID_STATE',
        `Process instance ${command.processInstanceKey} already exists.`,
      );
    // An admitted create was answered before this: a suspension that came meanwhile cannot undo it.
    if (!command.admitted) refuseSuspendedDefinition(ctx);
    return createInstance(command, ctx);
  }
  if (!state)
    throw new CommandRejectedError(
      'NOT_FOUND',
      `Expected to find process instance ${command.processInstanceKey}, but none was found.`,
    );
  if (state.state !== 'ACTIVE') {
    throw new CommandRejectedError(
      'INVALID_STATE',
      `Process instance ${state.processInstanceKey} is ${state.state}, not ACTIVE.`,
    );
  }
  const draft = new Draft(state, ctx, elementHooks);
  if (holdWhileSuspended(draft, command)) return draft;
  switch (command.type) {
    case 'COMPLETE_JOB':
      completeJob(draft, command);
      break;
    case 'FAIL_JOB':
      failJob(draft, command);
      break;
    case 'THROW_ERROR':
      throwError(draft, command);
      break;
    case 'COMPLETE_USER_TASK':
      completeUserTask(draft, command);
      break;
    case 'ASSIGN_USER_TASK':
      assignUserTask(draft, command);
      break;
    case 'CANCEL_INSTANCE':
      cancelInstance(draft);
      break;
    case 'RESOLVE_INCIDENT':
      resolveIncident(draft, command);
      break;
    case 'SET_VARIABLES':
      setVariables(draft, command);
      break;
    case 'UPDATE_JOB_RETRIES':
      updateJobRetries(draft, command);
      break;
    case 'CORRELATE_MESSAGE':
      correlateMessage(draft, command);
      break;
    case 'TRIGGER_TIMER':
      triggerTimer(draft, command);
      break;
    case 'TRIGGER_SIGNAL':
      triggerSignal(draft, command);
      break;
    case 'CHILD_INSTANCE_COMPLETED':
      completeCallActivity(draft, command);
      break;
    case 'CHILD_INSTANCE_REJECTED':
      rejectCallActivity(draft, command);
      break;
    case 'CHILD_INSTANCE_ERROR_THROWN':
      catchChildError(draft, command);
      break;
    case 'ERROR_NOT_CAUGHT':
      errorNotCaught(draft, command);
      break;
    case 'CHILD_INSTANCE_ESCALATED':
      catchChildEscalation(draft, command);
      break;
    case 'SUSPEND_INSTANCE':
      suspendInstance(draft);
      break;
    case 'ACTIVATE_INSTANCE':
      activateInstance(draft);
      break;
    case 'SET_JOB_SUSPENSION':
      setJobSuspension(draft, command);
      break;
    case 'CONTINUE_ASYNC':
      continueAsync(draft, command);
      break;
    case 'MODIFY_INSTANCE':
      modifyInstance(draft, command);
      break;
    case 'MIGRATE_INSTANCE':
      migrateInstance(draft, command);
      break;
    case 'DECISION_EVALUATED':
      completeDecisionEvaluation(draft, command);
      break;
  }
  return draft;
}

/** One REPLY per command: at once, or (awaitCompletion) when the instance ends. */
function answerCommand(draft: Draft, target: NonNullable<EngineCommand['reply']>): void {
  if (target.awaitWaitState) {
    // A decision being evaluated is not a wait: the answer waits for its result (DECISION_EVALUATED).
    if (draft.header.state === 'ACTIVE' && awaitsDecision(draft)) {
      draft.setHeader({ awaitingReplies: [...draft.header.awaitingReplies, target] });
      return;
    }
    // The advance loop ran until every token waits or ended: this is the instance's first wait state.
    draft.emit(
      okReply(
        draft,
        target,
        fetchedVariables(draft.scopeVariables(draft.rootKey) ?? {}, target.fetchVariables),
      ),
    );
    return;
  }
  if (!target.awaitCompletion) {
    draft.emit(okReply(draft, target));
    return;
  }
  const state = draft.header;
  if (state.state === 'ACTIVE') {
    draft.setHeader({ awaitingReplies: [...state.awaitingReplies, target] });
  } else if (state.state === 'COMPLETED') {
    draft.emit(
      okReply(
        draft,
        target,
        fetchedVariables(draft.scopeVariables(draft.rootKey) ?? {}, target.fetchVariables),
      ),
    );
  } else {
    draft.emit(
      rejectionReply(
        target,
        'INVALID_STATE',
        `Process instance ${state.processInstanceKey} was terminated before it completed.`,
      ),
    );
  }
}
