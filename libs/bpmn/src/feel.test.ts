import { checkFeelSyntax, evaluateFeel } from './feel';

describe('evaluateFeel', () => {
  it('evaluates against variables', () => {
    expect(evaluateFeel('amount > 100', { amount: 150 })).toEqual({ ok: true, value: true });
  });
  it('fails on a missing variable instead of answering null', () => {
    const result = evaluateFeel('amount > 100', {});
    expect(result.ok).toBe(false);
  });
  it('reports syntax errors', () => {
    expect(checkFeelSyntax('a > ')).toMatch(/syntax error/);
    expect(checkFeelSyntax('a > 1')).toBeUndefined();
  });
});
