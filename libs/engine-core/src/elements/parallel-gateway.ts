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
  // The draft's token index answers in O(1) until every incoming flow could have a token waiting.
  const waiting = draft.tokenIndex().firstWaitingOnEach(token.scopeKey, node.id, node.incoming);
  if (!waiting) return undefined;
  const merged = waiting
    .map((tokenKey) => draft.token(tokenKey))
    .filter((waitingToken): waitingToken is Token => waitingToken !== undefined);
  return mergeJoinedTokens(draft, merged, node, token.scopeKey);
}
