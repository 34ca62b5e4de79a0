// FLOWX tokens: creation and the queries the split/join and scope-completion rules need, answered
// from the draft's token index (instance/token-index.ts) in O(1) rather than by a scan.
import type { Draft } from '../instance/draft';
import type { Token } from '../instance/state';
import { isLive } from '../instance/token-index';

export { isLive };

/** Creates an ACTIVE token in a scope; it is placed at `elementId` but not yet activated there. */
export function createToken(
  draft: Draft,
  scopeKey: string,
  elementId: string,
  parentTokenKey?: string,
): Token {
  const token: Token = {
    tokenKey: draft.key(),
    ...(parentTokenKey !== undefined ? { parentTokenKey } : {}),
    elementId,
    state: 'ACTIVE',
    scopeKey,
  };
  draft.putToken(token);
  return token;
}

/** True when some live token's parent is `parentTokenKey`. */
export function hasLiveChildren(draft: Draft, parentTokenKey: string): boolean {
  return draft.tokenIndex().liveChildren(parentTokenKey) > 0;
}

/** True when some live token runs directly in the scope. */
export function scopeHasLiveTokens(draft: Draft, scopeKey: string): boolean {
  return draft.tokenIndex().liveTokensInScope(scopeKey) > 0;
}

/** How many live tokens run directly in the scope. */
export function liveTokensInScope(draft: Draft, scopeKey: string): number {
  return draft.tokenIndex().liveTokensInScope(scopeKey);
}
