// Element instances: one per activation of a flow node; a subprocess instance is also a scope.
import type { FlowNode } from '@baton/bpmn';
import type { Draft } from './draft';
import type { ElementInstance, ElementInstanceState } from './state';

/** Creates the ACTIVE element instance of `node` for a token and points the token at it. */
export function createElementInstance(draft: Draft, node: FlowNode, tokenKey: string, flowScopeKey: string): ElementInstance {
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

/** Ends an element instance; its local variables go with it, as in Zeebe. */
export function endElementInstance(draft: Draft, key: string, state: Exclude<ElementInstanceState, 'ACTIVE'>): void {
  const instance = draft.elementInstance(key);
  if (!instance || instance.state !== 'ACTIVE') return;
  draft.putElementInstance({ ...instance, state, endDate: draft.nowIso, pendingStep: undefined });
  if (key !== draft.rootKey) draft.deleteScopeVariables(key);
}
