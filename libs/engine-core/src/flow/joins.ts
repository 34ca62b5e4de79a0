// Where tokens merge at a join (parallel or inclusive gateway): the waiting tokens complete and
// one token moves on — their common split parent when they were its last live children (FLOWX),
// else a new token (unstructured joins).
import type { FlowNode } from '@baton/bpmn';
import type { Draft } from '../instance/draft';
import type { Token } from '../instance/state';
import { createToken, hasLiveChildren } from './tokens';

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
    !hasLiveChildren(draft, parent.tokenKey)
  ) {
    return draft.updateToken(parent.tokenKey, { state: 'ACTIVE', elementId: node.id, flowId: undefined });
  }
  return createToken(draft, scopeKey, node.id, sameParent ? parentKey : undefined);
}
