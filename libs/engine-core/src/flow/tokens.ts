// FLOWX tokens: creation and the queries the split/join and scope-completion rules need.
import type { Draft } from '../instance/draft';
import type { Token, TokenState } from '../instance/state';

/** A token still taking part in the flow (running, waiting for children, or waiting at a join). */
export function isLive(state: TokenState): boolean {
  return state === 'ACTIVE' || state === 'ON_HOLD' || state === 'INACTIVE';
}

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

/** Live tokens whose parent is `parentTokenKey`. */
export function liveChildren(draft: Draft, parentTokenKey: string): Token[] {
  return Object.values(draft.tokens()).filter(
    (token) => token.parentTokenKey === parentTokenKey && isLive(token.state),
  );
}

/** True when some live token runs directly in the scope. */
export function scopeHasLiveTokens(draft: Draft, scopeKey: string): boolean {
  for (const token of Object.values(draft.tokens())) {
    if (token.scopeKey === scopeKey && isLive(token.state)) return true;
  }
  return false;
}
