// The parallel gateway. Fork: the token leaves along every outgoing flow (the advance loop splits
// it, FLOWX-style: the parent waits ON_HOLD, one child per branch). Join (several incoming flows):
// children wait INACTIVE; when every incoming flow has arrived, the parent token they split from is
// ACTIVE again and moves on.
import type { FlowNode, ParallelGatewayNode } from '@baton/bpmn';
import { mergeJoinedTokens } from '../flow/joins';
import type { Draft } from '../instance/draft';
import type { Token } from '../instance/state';
import { COMPLETE, type ElementBehaviour } from './element-behaviour';

export const parallelGateway: ElementBehaviour<ParallelGatewayNode> = {
  /** A join holds each arrival until every incoming flow has one; the merged token enters without a flow. */
  arrive(draft, token, node, flowId) {
    if (node.incoming.length <= 1) return { token, flowId };
    const merged = arriveAtJoin(draft, token, node, flowId);
    return merged && { token: merged, flowId: undefined };
  },
  activate: () => COMPLETE,
};

/**
 * A token arrives at a joining parallel gateway: it waits INACTIVE there. Once a token waits on
 * every incoming flow, they merge and the returned token moves on: their common parent when
 * they were its last live children, else a new token (unstructured joins).
 */
function arriveAtJoin(
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
