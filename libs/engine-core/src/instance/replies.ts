// Replies to callers: every command with a `reply` target gets exactly one REPLY; a create
// with `awaitCompletion` gets it when the instance ends.
import type { ReplyTarget, Variables } from '@baton/contracts';
import { copyVariables } from '../variables/copy-variables';
import type { Draft } from './draft';
import type { Effect } from './effects';

/** The REPLY effect refusing a command. */
export function rejectionReply(
  target: ReplyTarget,
  code: 'NOT_FOUND' | 'INVALID_STATE' | 'INVALID_ARGUMENT',
  message: string,
): Effect {
  return { type: 'REPLY', target, body: { status: 'REJECTED', code, message } };
}

/** The OK reply for an instance, with the definition it runs and (for awaited replies) variables. */
export function okReply(draft: Draft, target: ReplyTarget, variables?: Variables): Effect {
  const state = draft.header;
  return {
    type: 'REPLY',
    target,
    body: {
      status: 'OK',
      processInstanceKey: state.processInstanceKey,
      processDefinitionKey: state.processDefinitionKey,
      processDefinitionId: state.processDefinitionId,
      processDefinitionVersion: state.processDefinitionVersion,
      ...(variables !== undefined ? { variables } : {}),
    },
  };
}

/** The root variables a create-with-result caller asked for (all when `fetchVariables` is absent). */
export function fetchedVariables(root: Variables, fetch: readonly string[] | undefined): Variables {
  if (fetch === undefined || fetch.length === 0) return copyVariables(root);
  const picked: Variables = {};
  for (const name of fetch) if (Object.prototype.hasOwnProperty.call(root, name)) picked[name] = root[name];
  return picked;
}

/**
 * True while a business rule task waits for its decision's result: Zeebe and Camunda 7 evaluate a
 * decision within the step that enters the task, so the instance has not reached a wait state yet.
 */
export function awaitsDecision(draft: Draft): boolean {
  return Object.values(draft.elementInstances()).some(
    (instance) => instance.state === 'ACTIVE' && instance.decisionEvaluationKey !== undefined,
  );
}

/**
 * Answers the callers waiting for the instance's first wait state (awaitWaitState) once no decision
 * is pending any more, with the root variables the decisions set.
 */
export function answerWaitStateReplies(draft: Draft): void {
  const waiting = draft.header.awaitingReplies.filter((target) => target.awaitWaitState);
  if (waiting.length === 0 || awaitsDecision(draft)) return;
  const root = draft.scopeVariables(draft.rootKey) ?? {};
  for (const target of waiting)
    draft.emit(okReply(draft, target, fetchedVariables(root, target.fetchVariables)));
  draft.setHeader({
    awaitingReplies: draft.header.awaitingReplies.filter((target) => !target.awaitWaitState),
  });
}

/** Answers every caller awaiting the instance's end: OK with variables when it completed, else REJECTED. */
export function answerAwaitingReplies(draft: Draft): void {
  const state = draft.header;
  if (state.awaitingReplies.length === 0) return;
  const root = draft.scopeVariables(draft.rootKey) ?? {};
  for (const target of state.awaitingReplies) {
    draft.emit(
      state.state === 'COMPLETED'
        ? okReply(draft, target, fetchedVariables(root, target.fetchVariables))
        : rejectionReply(
            target,
            'INVALID_STATE',
            `Process instance ${state.processInstanceKey} was terminated before it completed.`,
          ),
    );
  }
  draft.setHeader({ awaitingReplies: [] });
}
