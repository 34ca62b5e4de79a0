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

  it('stops by its steps an evaluation that would run for days, the same way every time', () => {
    // The clock stands still: 100,000 steps of this recursion took over 1 s (the time backstop) on
    // a loaded 2-core machine, and this test is about the steps, which decide the same on replay.
    const stoppedClock = jest.spyOn(performance, 'now').mockReturnValue(0);
    try {
      const answers = Array.from({ length: 3 }, () => evaluateFeel(RECURSION, { depth: 40 }));
      for (const answer of answers)
        expect(answer).toEqual({
          ok: false,
          message: `expression '${RECURSION}' took more than ${defaultFeelLimits.maxSteps} steps (FEEL_MAX_STEPS)`,
        });
    } finally {
      stoppedClock.mockRestore();
    }
  });

  it('cuts the runaway of issue 18, driven by a variable, by its steps whatever the clock says', () => {
    // only the step limit stands in the way: the list size allows the range, the clock never moves
    configureFeelLimits({ maxListSize: 20_000_000 });
    const stoppedClock = jest.spyOn(performance, 'now').mockReturnValue(0);
    try {
      const answers = Array.from({ length: 3 }, () =>
        evaluateFeel('count(for i in 1..n return i) > 1', { n: 10_000_000 }),
      );
      for (const answer of answers)
        expect(answer).toEqual({
          ok: false,
          message: `expression 'count(for i in 1..n return i) > 1' took more than ${defaultFeelLimits.maxSteps} steps (FEEL_MAX_STEPS)`,
        });
      // the same count, item by item: a range the up-front check lets through is cut at the same step
      expect(
        evaluateFeel('count(for i in 1..n return i) > 1', { n: defaultFeelLimits.maxSteps - 1 }),
      ).toEqual({
        ok: true,
        value: true,
      });
      expect(
        evaluateFeel('count(for i in 1..n return i) > 1', { n: defaultFeelLimits.maxSteps }),
      ).toMatchObject({
        ok: false,
        message: expect.stringContaining('(FEEL_MAX_STEPS)'),
      });
    } finally {
      stoppedClock.mockRestore();
    }
  });

  it('counts calls, range items and nested ranges exactly, so the limit falls on the same step', () => {
    configureFeelLimits({ maxSteps: 1000 });
    // 2 calls (sum, abs) per item… abs 10 times, sum once, 10 items: 21 steps
    expect(evaluateFeel('sum(for i in 1..10 return abs(i))', {})).toEqual({ ok: true, value: 55 });
    // 499 items + 499 calls + sum = 999 steps: within; one item more is 1001
    expect(evaluateFeel('sum(for i in 1..n return abs(i))', { n: 499 })).toMatchObject({ ok: true });
    expect(evaluateFeel('sum(for i in 1..n return abs(i))', { n: 500 })).toMatchObject({
      ok: false,
      message: expect.stringContaining('took more than 1000 steps'),
    });
  });

  it('keeps the clock as a backstop for work the steps do not see', () => {
    configureFeelLimits({ budgetMs: 20, maxSteps: Number.MAX_SAFE_INTEGER });
    const result = evaluateFeel(RECURSION, { depth: 40 });
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringMatching(/exceeded its time backstop of 20 ms \(FEEL_BUDGET_MS\)$/),
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
