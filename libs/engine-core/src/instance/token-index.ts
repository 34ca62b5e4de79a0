// Counts over the tokens of one command's draft, kept up to date write by write, so the questions
// the flow asks on every step are O(1) instead of a scan of every token: does this scope still have
// a live token, does this split parent still have a live child, which tokens wait at this join on
// which incoming flow. A scan per arriving token made a 500-branch fan-out and join O(n²) (issue 19).
//
// Derived, never stored: the draft builds it from its tokens the first time a command asks, and
// every later token write goes through Draft.putToken, which updates it — so it cannot go stale,
// and instance states (stored ones included) carry nothing new.
import type { Token, TokenState } from './state';

/** A token still taking part in the flow (running, waiting for children, or waiting at a join). */
export function isLive(state: TokenState): boolean {
  return state === 'ACTIVE' || state === 'ON_HOLD' || state === 'INACTIVE';
}

/** Tokens waiting at one join in one scope: by incoming flow, each token with its place in the record. */
type WaitingByFlow = Map<string, Map<string, number>>;

export class TokenIndex {
  private readonly liveInScope = new Map<string, number>();
  private readonly liveChildrenOf = new Map<string, number>();
  private readonly waitingAt = new Map<string, WaitingByFlow>();
  /**
   * Each token's place in the tokens record. Tokens are never removed from the record and an
   * update keeps a key in place, so the order in which the index first sees keys is the record's
   * order (keys are made in increasing order, so integer-like keys sort the same way).
   */
  private readonly places = new Map<string, number>();

  constructor(tokens: Iterable<Token>) {
    for (const token of tokens) this.add(token);
  }

  /** A token was written: `previous` is the value it replaces, if any. */
  replace(previous: Token | undefined, next: Token): void {
    if (previous) this.remove(previous);
    this.add(next);
  }

  liveTokensInScope(scopeKey: string): number {
    return this.liveInScope.get(scopeKey) ?? 0;
  }

  liveChildren(parentTokenKey: string): number {
    return this.liveChildrenOf.get(parentTokenKey) ?? 0;
  }

  /**
   * The first token (in record order) waiting at `elementId` in `scopeKey` on each of `flowIds`,
   * or undefined while some flow has none. O(1) until every flow could have one.
   */
  firstWaitingOnEach(scopeKey: string, elementId: string, flowIds: readonly string[]): string[] | undefined {
    const byFlow = this.waitingAt.get(joinKey(scopeKey, elementId));
    if (!byFlow || byFlow.size < flowIds.length) return undefined;
    const first: string[] = [];
    for (const flowId of flowIds) {
      const waiting = byFlow.get(flowId);
      if (!waiting) return undefined;
      first.push(earliest(waiting));
    }
    return first;
  }

  private add(token: Token): void {
    if (!this.places.has(token.tokenKey)) this.places.set(token.tokenKey, this.places.size);
    if (!isLive(token.state)) return;
    bump(this.liveInScope, token.scopeKey, 1);
    if (token.parentTokenKey !== undefined) bump(this.liveChildrenOf, token.parentTokenKey, 1);
    if (token.state !== 'INACTIVE' || token.flowId === undefined) return;
    const key = joinKey(token.scopeKey, token.elementId);
    let byFlow = this.waitingAt.get(key);
    if (!byFlow) this.waitingAt.set(key, (byFlow = new Map<string, Map<string, number>>()));
    let waiting = byFlow.get(token.flowId);
    if (!waiting) byFlow.set(token.flowId, (waiting = new Map<string, number>()));
    waiting.set(token.tokenKey, this.places.get(token.tokenKey) ?? 0);
  }

  private remove(token: Token): void {
    if (!isLive(token.state)) return;
    bump(this.liveInScope, token.scopeKey, -1);
    if (token.parentTokenKey !== undefined) bump(this.liveChildrenOf, token.parentTokenKey, -1);
    if (token.state !== 'INACTIVE' || token.flowId === undefined) return;
    const key = joinKey(token.scopeKey, token.elementId);
    const byFlow = this.waitingAt.get(key);
    const waiting = byFlow?.get(token.flowId);
    if (!byFlow || !waiting) return;
    waiting.delete(token.tokenKey);
    if (waiting.size > 0) return;
    byFlow.delete(token.flowId);
    if (byFlow.size === 0) this.waitingAt.delete(key);
  }
}

function joinKey(scopeKey: string, elementId: string): string {
  return `${scopeKey}\u0000${elementId}`;
}

function bump(counts: Map<string, number>, key: string, by: number): void {
  const count = (counts.get(key) ?? 0) + by;
  if (count === 0) counts.delete(key);
  else counts.set(key, count);
}

/** The key of the token with the lowest place. */
function earliest(waiting: ReadonlyMap<string, number>): string {
  let best: string | undefined;
  let bestPlace = Infinity;
  for (const [tokenKey, place] of waiting) {
    if (place < bestPlace) {
      best = tokenKey;
      bestPlace = place;
    }
  }
  if (best === undefined) throw new Error('internal: empty waiting list at a join');
  return best;
}
