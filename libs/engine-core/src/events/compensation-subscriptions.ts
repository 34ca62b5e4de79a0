// What an instance remembers for compensation, as Zeebe's compensation subscriptions: each completed
// activity with a compensation boundary event, and each completed subprocess or multi-instance body
// that carries such activities of its own. They are forgotten when their scope is terminated or the
// instance ends. A process without compensation boundary events never gets here (model.compensation
// is absent), so its instances carry nothing and pay one field check per completion.
import type { FlowNode } from '@baton/bpmn';
import type { Draft } from '../instance/draft';
import type { CompensationSubscription, ElementInstance } from '../instance/state';

/**
 * An activity completed: remembered when it is compensable. `inner` is an inner instance of a
 * multi-instance activity, whose compensation boundary event belongs to its body (Zeebe invokes
 * the handler of a multi-instance activity once, when the body completed).
 */
export function rememberCompletedActivity(
  draft: Draft,
  node: FlowNode,
  instance: ElementInstance,
  inner: boolean,
): void {
  const compensation = draft.ctx.definition.model.compensation;
  if (!compensation || instance.flowScopeKey === undefined) return;
  const handlerId = inner ? undefined : compensation.handlers[node.id]?.handlerId;
  const subscriptions = draft.header.compensations ?? [];
  // An embedded subprocess or a body carries what completed in it; an event subprocess does not
  // (Zeebe's isFlowScopeWithSubscriptions), nor does a call activity (its child is another instance).
  const carries =
    ((node.kind === 'subProcess' && !node.triggeredByEvent) ||
      instance.elementType === 'multiInstanceBody') &&
    subscriptions.some((subscription) => subscription.scopeKey === instance.key);
  if (handlerId === undefined && !carries) {
    // Nothing can reach what completed in an ended event subprocess any more: keep the state small.
    if (node.kind === 'subProcess' && node.triggeredByEvent) forgetCompensations(draft, instance.key);
    return;
  }
  const subscription: CompensationSubscription = {
    activityId: node.id,
    activityInstanceKey: instance.key,
    scopeKey: instance.flowScopeKey,
    ...(handlerId === undefined ? {} : { handlerId }),
  };
  draft.setHeader({ compensations: [...subscriptions, subscription] });
}

/** The keys of `scopeKey` and of every completed activity carried inside it, recursively. */
function carriedScopes(subscriptions: readonly CompensationSubscription[], scopeKey: string): Set<string> {
  const scopes = new Set([scopeKey]);
  for (let grew = true; grew;) {
    grew = false;
    for (const subscription of subscriptions) {
      if (scopes.has(subscription.scopeKey) && !scopes.has(subscription.activityInstanceKey)) {
        scopes.add(subscription.activityInstanceKey);
        grew = true;
      }
    }
  }
  return scopes;
}

/**
 * A scope (subprocess, multi-instance body or inner instance) was terminated: what completed in it
 * can no longer be compensated (Zeebe deletes those subscriptions). The instance ending forgets all.
 */
export function forgetCompensations(draft: Draft, scopeKey: string): void {
  const subscriptions = draft.header.compensations;
  if (!subscriptions) return;
  if (scopeKey === draft.rootKey) return draft.setHeader({ compensations: [] });
  const scopes = carriedScopes(subscriptions, scopeKey);
  const kept = subscriptions.filter((subscription) => !scopes.has(subscription.scopeKey));
  if (kept.length !== subscriptions.length) draft.setHeader({ compensations: kept });
}
