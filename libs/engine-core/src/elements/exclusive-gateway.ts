// Gateways: the exclusive choice (conditions in document order, only `true` takes a flow) and
// the FLOWX parallel join (children wait INACTIVE; when every incoming flow has arrived, the
// parent token they split from is ACTIVE again and moves on).
import { evaluateFeel, type FlowNode, type ProcessModel } from '@baton/bpmn';
import type { Variables } from '@baton/contracts';
import type { Draft } from '../instance/draft';
import type { Token } from '../instance/state';
import { createToken, liveChildren } from '../flow/tokens';

export type FlowChoice =
  { readonly ok: true; readonly flowId: string } | { readonly ok: false; readonly message: string };

/** Picks the outgoing flow of an exclusive gateway, or says why none can be taken. */
export function chooseExclusiveFlow(
  model: ProcessModel,
  node: FlowNode & { kind: 'exclusiveGateway' },
  context: Variables,
): FlowChoice {
  for (const flowId of node.outgoing) {
    if (flowId === node.defaultFlowId) continue;
    const condition = model.flows[flowId]?.condition;
    if (condition === undefined) return { ok: true, flowId };
    const result = evaluateFeel(condition, context);
    if (!result.ok)
      return { ok: false, message: `${result.message} (condition of sequence flow '${flowId}')` };
    if (result.value === true) return { ok: true, flowId };
    if (result.value !== false) {
      return {
        ok: false,
        message: `Expected the condition '${condition}' of sequence flow '${flowId}' to be 'BOOLEAN', but it evaluated to ${JSON.stringify(result.value)}.`,
      };
    }
  }
  if (node.defaultFlowId !== undefined) return { ok: true, flowId: node.defaultFlowId };
  return {
    ok: false,
    message: `No outgoing sequence flow of exclusive gateway '${node.id}' matched: every condition evaluated to false and there is no default flow.`,
  };
}

/**
 * A token arrives at a joining parallel gateway: it waits INACTIVE there. Once a token waits on
 * every incoming flow, they merge and the returned token moves on: their common parent when
 * they were its last live children, else a new token (unstructured joins).
 */
export function arriveAtJoin(
  draft: Draft,
  token: Token,
  node: FlowNode,
  flowId: string | undefined,
): Token | undefined {
  draft.updateToken(token.tokenKey, {
    state: 'INACTIVE',
    elementId: node.id,
    elementInstanceKey: undefined,
    ...(flowId !== undefined ? { flowId } : {}),
  });
  const waitingByFlow = new Map<string, Token>();
  for (const candidate of Object.values(draft.tokens())) {
    if (
      candidate.state !== 'INACTIVE' ||
      candidate.elementId !== node.id ||
      candidate.scopeKey !== token.scopeKey
    )
      continue;
    if (candidate.flowId !== undefined && !waitingByFlow.has(candidate.flowId))
      waitingByFlow.set(candidate.flowId, candidate);
  }
  const merged: Token[] = [];
  for (const incoming of node.incoming) {
    const waiting = waitingByFlow.get(incoming);
    if (!waiting) return undefined;
    merged.push(waiting);
  }
  return mergeJoinedTokens(draft, merged, node, token.scopeKey);
}

/**
 * The tokens waiting at a join merge: they complete and the returned token moves on, their common
 * parent when they were its last live children, else a new token (unstructured joins).
 */
export function mergeJoinedTokens(
  draft: Draft,
  merged: readonly Token[],
  node: FlowNode,
  scopeKey: string,
): Token {
  for (const child of merged) draft.updateToken(child.tokenKey, { state: 'COMPLETED' });

  const parentKey = merged[0]?.parentTokenKey;
  const sameParent = parentKey !== undefined && merged.every((child) => child.parentTokenKey === parentKey);
  const parent = sameParent ? draft.token(parentKey) : undefined;
  if (
    parent &&
    parent.state === 'ON_HOLD' &&
    parent.scopeKey === scopeKey &&
    liveChildren(draft, parent.tokenKey).length === 0
  ) {
    return draft.updateToken(parent.tokenKey, { state: 'ACTIVE', elementId: node.id, flowId: undefined });
  }
  return createToken(draft, scopeKey, node.id, sameParent ? parentKey : undefined);
}
