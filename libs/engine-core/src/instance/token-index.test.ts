import type { Token } from './state';
import { TokenIndex } from './token-index';

const token = (tokenKey: string, fields: Partial<Token>): Token => ({
  tokenKey,
  elementId: 'task',
  state: 'ACTIVE',
  scopeKey: 'root',
  ...fields,
});

describe('TokenIndex', () => {
  it('counts live tokens per scope and per parent as tokens are written', () => {
    const parent = token('1', { state: 'ON_HOLD' });
    const child = token('2', { parentTokenKey: '1' });
    const index = new TokenIndex([parent, child, token('3', { state: 'COMPLETED', scopeKey: 'sub' })]);
    expect([
      index.liveTokensInScope('root'),
      index.liveTokensInScope('sub'),
      index.liveChildren('1'),
    ]).toEqual([2, 0, 1]);

    index.replace(child, { ...child, state: 'TERMINATED' });
    expect([index.liveTokensInScope('root'), index.liveChildren('1')]).toEqual([1, 0]);
    index.replace(undefined, token('4', { scopeKey: 'sub', parentTokenKey: '1' }));
    expect([index.liveTokensInScope('sub'), index.liveChildren('1')]).toEqual([1, 1]);
  });

  it('answers the first token waiting on each incoming flow once every flow has one', () => {
    const waiting = (tokenKey: string, flowId: string) =>
      token(tokenKey, { state: 'INACTIVE', elementId: 'join', flowId });
    const early = token('1', {});
    const index = new TokenIndex([early, waiting('2', 'a')]);
    expect(index.firstWaitingOnEach('root', 'join', ['a', 'b'])).toBeUndefined();

    // Token 1 is older in the record than token 2, though it arrives later: it is the first on flow a.
    index.replace(early, waiting('1', 'a'));
    index.replace(undefined, waiting('3', 'b'));
    expect(index.firstWaitingOnEach('root', 'join', ['a', 'b'])).toEqual(['1', '3']);
    expect(index.firstWaitingOnEach('other-scope', 'join', ['a', 'b'])).toBeUndefined();

    index.replace(waiting('1', 'a'), token('1', { state: 'COMPLETED' }));
    index.replace(waiting('3', 'b'), token('3', { state: 'COMPLETED' }));
    expect(index.firstWaitingOnEach('root', 'join', ['a', 'b'])).toBeUndefined();
    index.replace(undefined, waiting('5', 'b'));
    expect(index.firstWaitingOnEach('root', 'join', ['a', 'b'])).toEqual(['2', '5']);
  });
});
