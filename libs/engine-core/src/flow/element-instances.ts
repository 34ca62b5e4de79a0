// Element instances: one per activation of a flow node; a subprocess instance is also a scope.
import type { FlowNode } from '@baton/bpmn';
import { disarmBoundaryEvents } from '../events/boundary-arming';
import { forgetCompensations } from '../events/compensation-subscriptions';
import { disarmEvent } from '../events/gateway-and-scope-arming';
import type { Draft } from '../instance/draft';
import type { ElementInstance, ElementInstanceState } from '../instance/state';
import { elementTypeOf } from '../multi-instance/multi-instance-body';

/** Creates the ACTIVE element instance of `node` (its multi-instance body when it has one) for a token. */
export function createElementInstance(
  draft: Draft,
  node: FlowNode,
  tokenKey: string,
  flowScopeKey: string,
): ElementInstance {
  const instance: ElementInstance = {
    key: draft.key(),
    elementId: node.id,
    elementType: elementTypeOf(node),
    flowScopeKey,
    state: 'ACTIVE',
    tokenKey,
    startDate: draft.nowIso,
  };
  draft.putElementInstance(instance);
  return instance;
}

/**
 * Ends an element instance. Its local variables go with it and the record leaves the state (as in
 * Zeebe's runtime state, keeping the instance document small); a completed element's id is kept in
 * `completedElementIds`. The process instance's own record stays, with its end state.
 */
export function endElementInstance(
  draft: Draft,
  key: string,
  state: Exclude<ElementInstanceState, 'ACTIVE'>,
): void {
  const instance = draft.elementInstance(key);
  if (!instance || instance.state !== 'ACTIVE') return;
  // An event-based gateway's catch events, a scope's event subprocess starts: they stop waiting.
  if (instance.armedEvents) for (const armed of instance.armedEvents) disarmEvent(draft, key, armed);
  // What completed in a terminated scope, or anywhere in an ended instance, is never compensated.
  if (draft.header.compensations && (state === 'TERMINATED' || key === draft.rootKey))
    forgetCompensations(draft, key);
  if (key === draft.rootKey) {
    const { messageCorrelationKey, processDefinitionId } = draft.header;
    // The next message with this correlation key may start an instance now (Zeebe's rule).
    if (messageCorrelationKey !== undefined)
      draft.emit({
        type: 'MESSAGE_START_RELEASED',
        processDefinitionId,
        correlationKey: messageCorrelationKey,
      });
    draft.putElementInstance(
      Object.assign({}, instance, {
        state,
        endDate: draft.nowIso,
        pendingStep: undefined,
        armedEvents: undefined,
      }),
    );
    return;
  }
  if (instance.armedBoundaryEvents) disarmBoundaryEvents(draft, instance);
  draft.deleteElementInstance(key);
  draft.deleteScopeVariables(key);
  const completed = draft.header.completedElementIds ?? [];
  if (state === 'COMPLETED' && !completed.includes(instance.elementId)) {
    draft.setHeader({ completedElementIds: [...completed, instance.elementId] });
  }
}
