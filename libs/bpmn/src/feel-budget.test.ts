import { evaluate } from 'feelin';
import { evaluateFeel, evaluateFeelUnaryTests } from './feel';
import { configureFeelLimits, defaultFeelLimits } from './feel-limits';

// Doubles its work with each level: f(40) would run for days, so only the budget can end it.
const RECURSION = '{f: function(n) if n < 1 then 1 else f(n - 1) + f(n - 1), r: f(depth)}.r';

describe('the FEEL budget', () => {
  afterEach(() => configureFeelLimits({}));

  it('stops a range too large to build, naming the limit', () => {
    const result = evaluateFeel('count(for i in 1..n return i) > 1', { n: 10_000_000 });
    expect(result).toEqual({
      ok: false,
      message: `expression 'count(for i in 1..n return i) > 1' built more than ${defaultFeelLimits.maxListSize} list items (FEEL_MAX_LIST_SIZE)`,
    });
  });

  it('counts the items of every range of an evaluation, so nested loops cannot multiply past the limit', () => {
    configureFeelLimits({ maxListSize: 1000 });
    expect(evaluateFeel('count(for a in 1..20, b in 1..20 return a * b)', {})).toEqual({
      ok: true,
      value: 400,
    });
    const result = evaluateFeel('count(for a in 1..40, b in 1..40 return a * b)', {});
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringContaining('built more than 1000 list items'),
    });
  });

  it('stops an evaluation that runs past its time budget', () => {
    configureFeelLimits({ budgetMs: 20 });
    const result = evaluateFeel(RECURSION, { depth: 40 });
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringMatching(/exceeded its budget of 20 ms \(FEEL_BUDGET_MS\)$/),
    });
  });

  it('stops a range that never reaches its end (a fractional bound) by its size', () => {
    configureFeelLimits({ maxListSize: 500 });
    expect(evaluateFeel('count(for i in 1..2.5 return i)', {})).toMatchObject({ ok: false });
  });

  it('stops a list returned by a function that is too large', () => {
    configureFeelLimits({ maxListSize: 10 });
    expect(evaluateFeel('count(concatenate(xs, xs))', { xs: [1, 2, 3, 4, 5, 6] })).toMatchObject({
      ok: false,
      message: expect.stringContaining('built more than 10 list items'),
    });
  });

  it('applies to unary tests too', () => {
    configureFeelLimits({ maxListSize: 100 });
    expect(evaluateFeelUnaryTests('count(for i in 1..1000 return i)', 5, {})).toMatchObject({ ok: false });
  });

  it('leaves ordinary expressions alone, and gives every evaluation a fresh budget', () => {
    configureFeelLimits({ maxListSize: 100 });
    for (let round = 0; round < 5; round += 1)
      expect(evaluateFeel('sum(for i in 1..100 return i)', {})).toEqual({ ok: true, value: 5050 });
    expect(evaluateFeel(RECURSION, { depth: 5 })).toEqual({ ok: true, value: 32 });
  });

  it('refuses at evaluation an expression longer than allowed (one never checked at deploy)', () => {
    configureFeelLimits({ maxExpressionLength: 20 });
    expect(evaluateFeel('a + a + a + a + a + a + a', { a: 1 })).toMatchObject({
      ok: false,
      message: expect.stringContaining('FEEL_MAX_EXPRESSION_LENGTH'),
    });
  });

  it('does not touch feelin used outside an evaluation', () => {
    configureFeelLimits({ maxListSize: 10 });
    expect(evaluate('count(for i in 1..50 return i)', {}).value).toBe(50);
  });
});
