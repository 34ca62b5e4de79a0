// Compensation as Zeebe 8.5+ runs it (BpmnCompensationSubscriptionBehaviour): a compensation throw
// or end event invokes, at once, the handler of every completed compensable activity of its scope
// (or of its activityRef only), and of the compensable activities inside completed subprocesses
// and multi-instance bodies of that scope, recursively. It waits until every handler it invoked
// has completed, then completes. Each handler runs in the throw event's scope, on a child token of
// the throw event's token, and sees the variables visible there (Zeebe keeps no snapshot of the
// compensated activity's variables). Each compensated activity is compensated once.
import type { CompensationThrowModel, FlowNode } from '@baton/bpmn';
import { createElementInstance, endElementInstance } from '../flow/element-instances';
import { createToken } from '../flow/tokens';
import type { Draft } from '../instance/draft';
import type { CompensationSubscription, ElementInstance } from '../instance/state';
import { rememberCompletedActivity } from './compensation-subscriptions';

/**
 * A compensation throw or end event is activated: triggers what it compensates. Returns true when
 * it may complete at once (nothing to compensate), false while it waits for the handlers.
 */
export function throwCompensation(
  draft: Draft,
  node: FlowNode,
  instance: ElementInstance,
  compensation: CompensationThrowModel,
): boolean {
  const subscriptions = draft.header.compensations;
  if (!subscriptions || instance.flowScopeKey === undefined) return true;
  const scopeKeys = compensationScopes(draft, node, instance.flowScopeKey);
  const chosen = subscriptions.filter(
    (subscription) =>
      subscription.throwEventInstanceKey === undefined &&
      scopeKeys.includes(subscription.scopeKey) &&
      (compensation.activityRef === undefined || subscription.activityId === compensation.activityRef),
  );
  if (chosen.length === 0) return true;
  const working = [...subscriptions];
  // All handlers start now, as in Zeebe; newest completion first, as the BPMN specification orders
  // them (Zeebe names no order), which only decides whose job and key come first.
  for (const subscription of chosen.reverse()) trigger(draft, working, subscription, instance);
  const settled = settle(working);
  draft.setHeader({ compensations: settled });
  return !settled.some((subscription) => subscription.throwEventInstanceKey === instance.key);
}

/** The throw event's scope, and from inside an event subprocess the scope around it too (Zeebe's rule). */
function compensationScopes(draft: Draft, node: FlowNode, scopeKey: string): string[] {
  const scope = draft.ctx.definition.model.elements[node.scopeId];
  const outer = draft.elementInstance(scopeKey)?.flowScopeKey;
  return scope?.kind === 'subProcess' && scope.triggeredByEvent && outer !== undefined
    ? [scopeKey, outer]
    : [scopeKey];
}

function trigger(
  draft: Draft,
  working: CompensationSubscription[],
  subscription: CompensationSubscription,
  thrower: ElementInstance,
): void {
  const index = working.findIndex((one) => one.activityInstanceKey === subscription.activityInstanceKey);
  if (index < 0 || working[index]?.throwEventInstanceKey !== undefined) return;
  const handlerInstanceKey =
    subscription.handlerId === undefined ? undefined : startHandler(draft, subscription, thrower);
  working[index] = {
    ...subscription,
    throwEventInstanceKey: thrower.key,
    ...(handlerInstanceKey === undefined ? {} : { handlerInstanceKey }),
  };
  // What the compensated subprocess or body carries is compensated with it.
  const carried = working.filter(
    (one) => one.scopeKey === subscription.activityInstanceKey && one.throwEventInstanceKey === undefined,
  );
  for (const inner of carried.reverse()) trigger(draft, working, inner, thrower);
}

/**
 * The compensation boundary event shows as triggered (Zeebe activates and completes it), then the
 * handler enters in the throw event's scope. Returns the handler's element instance key.
 */
function startHandler(
  draft: Draft,
  subscription: CompensationSubscription,
  thrower: ElementInstance,
): string | undefined {
  const { model } = draft.ctx.definition;
  const compensation = model.compensation?.handlers[subscription.activityId];
  const handler = compensation && model.elements[compensation.handlerId];
  const boundary = compensation && model.elements[compensation.boundaryEventId];
  const scopeKey = thrower.flowScopeKey;
  if (!handler || !boundary || scopeKey === undefined) return undefined;
  const token = createToken(draft, scopeKey, handler.id, thrower.tokenKey);
  const boundaryInstance = createElementInstance(draft, boundary, token.tokenKey, scopeKey);
  endElementInstance(draft, boundaryInstance.key, 'COMPLETED');
  const handlerInstance = createElementInstance(draft, handler, token.tokenKey, scopeKey);
  draft.updateToken(token.tokenKey, { elementInstanceKey: handlerInstance.key });
  draft.enqueue({ kind: 'activate', elementInstanceKey: handlerInstance.key });
  return handlerInstance.key;
}

/**
 * Drops triggered subscriptions with nothing left to wait for: no handler running and nothing
 * carried still pending (a compensated subprocess is done once what it carried is).
 */
function settle(subscriptions: readonly CompensationSubscription[]): CompensationSubscription[] {
  let current = [...subscriptions];
  for (;;) {
    const next = current.filter(
      (subscription) =>
        subscription.throwEventInstanceKey === undefined ||
        subscription.handlerInstanceKey !== undefined ||
        current.some((other) => other.scopeKey === subscription.activityInstanceKey),
    );
    if (next.length === current.length) return next;
    current = next;
  }
}

/**
 * An element completed in a process with compensation: a handler's completion may complete its
 * throw event (the last one it waited for); any other activity is remembered when compensable.
 */
export function compensationAfterCompletion(
  draft: Draft,
  node: FlowNode,
  instance: ElementInstance,
  inner: boolean,
): void {
  const subscriptions = draft.header.compensations ?? [];
  const handled = subscriptions.find((subscription) => subscription.handlerInstanceKey === instance.key);
  if (!handled) return rememberCompletedActivity(draft, node, instance, inner);
  const settled = settle(subscriptions.filter((subscription) => subscription !== handled));
  draft.setHeader({ compensations: settled });
  const throwKey = handled.throwEventInstanceKey;
  if (
    throwKey !== undefined &&
    !settled.some((subscription) => subscription.throwEventInstanceKey === throwKey)
  )
    draft.enqueue({ kind: 'complete', elementInstanceKey: throwKey });
}
