// Element instances: one per activation of a flow node; a subprocess instance is also a scope.
import type { FlowNode } from '@baton/bpmn';
import { disarmBoundaryEvents } from './boundary-arming';
import type { Draft } from './draft';
import type { ElementInstance, ElementInstanceState } from './state';

/** Creates the ACTIVE element instance of `node` for a token and points the token at it. */
export function createElementInstance(
  draft: Draft,
  node: FlowNode,
  tokenKey: string,
  flowScopeKey: string,
): ElementInstance {
  const instance: ElementInstance = {
    key: draft.key(),
    elementId: node.id,
    elementType: node.kind,
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
  if (key === draft.rootKey) {
    draft.putElementInstance(
      Object.assign({}, instance, { state, endDate: draft.nowIso, pendingStep: undefined }),
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
