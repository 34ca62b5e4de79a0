import { evaluate } from 'feelin';
import { evaluateFeel } from './feel';
import { configureFeelLimits, defaultFeelLimits } from './feel-limits';

/**
 * What feelin answers on its own (V8's backtracking engine), outside any evaluation of Baton's, as
 * JSON (evaluateFeel answers JSON values: a split's unmatched group is null, not undefined).
 */
function feelinAnswer(expression: string, context: Record<string, unknown>): unknown {
  return JSON.parse(JSON.stringify({ value: evaluate(expression, context).value ?? null })).value;
}

// Ordinary patterns, as FEEL users write them: each must answer exactly what feelin answers.
const cases: readonly [expression: string, context: Record<string, unknown>][] = [
  ['matches(x, "^[A-Z]{2}\\d{6}$")', { x: 'AB123456' }],
  ['matches(x, "^[A-Z]{2}\\d{6}$")', { x: 'AB12345' }],
  ['matches(x, "^[\\w.+-]+@[\\w-]+\\.[\\w.]+$")', { x: 'john.doe+x@example-mail.com' }],
  ['matches(x, "fo+")', { x: 'xxFOOxx' }],
  ['matches(x, "fo+", "i")', { x: 'xxFOOxx' }],
  ['matches(x, "^b$")', { x: 'a\nb' }],
  ['matches(x, "^b$", "m")', { x: 'a\nb' }],
  ['matches(x, "a.b")', { x: 'a\nb' }],
  ['matches(x, "a.b")', { x: 'a\rb' }],
  ['matches(x, "a.b", "s")', { x: 'a\rb' }],
  ['matches(x, "a\\sb")', { x: 'a\u00a0b' }],
  ['matches(x, "a[\\s,]b")', { x: 'a\u2003b' }],
  ['matches(x, "a\\Sb")', { x: 'a\u00a0b' }],
  ['matches(x, "^\\p{L}+$")', { x: 'Zoë' }],
  ['matches(x, "^.$")', { x: '😀' }],
  ['matches(x, "\\u00e9")', { x: 'café' }],
  ['matches(x, "^[^]$")', { x: '\n' }],
  ['matches(x, "\\bcat\\b")', { x: 'concat cat' }],
  ['replace(x, "-", "/")', { x: '2026-12-06' }],
  ['replace(x, "(\\d+)-(\\d+)", "$2-$1")', { x: '12-34 56-78' }],
  ['replace(x, "(?<year>\\d{4})", "[$<year>]")', { x: 'in 2026 and 2027' }],
  ['replace(x, "b+", "<$0>")', { x: 'abbbcb' }],
  ['replace(x, "x*", "-")', { x: 'abc' }],
  ['replace(x, "", "-")', { x: 'a😀b' }],
  ['replace(x, "A", "$$ $` $\'", "i")', { x: 'xay' }],
  ['replace(x, "\\s+", " ")', { x: 'a \t\u00a0 b\u3000c' }],
  ['replace(x, "^", "> ", "m")', { x: 'one\ntwo' }],
  ['split(x, ",")', { x: 'a,b,,c,' }],
  ['split(x, "\\s*;\\s*")', { x: 'a ; b;c  ;' }],
  ['split(x, "")', { x: 'ab😀c' }],
  ['split(x, "x*")', { x: 'axxbc' }],
  ['split(x, "(-)|(\\+)")', { x: '1-2+3' }],
  ['split(x, "^a")', { x: 'aXa' }],
  ['split(x, "\\b")', { x: 'hi there' }],
  ['split(x, ",")', { x: '' }],
  ['split(x, "")', { x: '' }],
  ['matches(input: x, pattern: "b")', { x: 'abc' }],
  ['matches(x, 5)', { x: 'abc' }],
  ['matches([x], "b")', { x: 'abc' }],
  ['replace(x, "a", null)', { x: 'abc' }],
  ['matches(x, "(")', { x: 'abc' }],
  ['matches(x, "a", "q")', { x: 'abc' }],
  ['split(x, "[")', { x: 'a[b' }],
];

// The time bounds below tell linear from exponential (47 s on 28 characters, days on 10,000), not
// fast from slow: they are generous, because a unit test shares the cores with the rest of the suite.
const LINEAR_BOUND_MS = 2000;

describe('FEEL regular expressions in linear time', () => {
  afterEach(() => configureFeelLimits({}));

  it.each(cases)('%s answers what feelin answers', (expression, context) => {
    expect(evaluateFeel(expression, context)).toEqual({ ok: true, value: feelinAnswer(expression, context) });
  });

  it('answers a pattern that backtracks exponentially in V8 at once (it took 47 s on 28 characters)', () => {
    for (const length of [28, 10_000]) {
      const started = performance.now();
      const result = evaluateFeel('matches(x, "(a|a)*b")', { x: 'a'.repeat(length) });
      expect(result).toEqual({ ok: true, value: false });
      expect(performance.now() - started).toBeLessThan(LINEAR_BOUND_MS);
    }
    const started = performance.now();
    expect(evaluateFeel('replace(x, "(x+x+)+y", "z")', { x: 'x'.repeat(5000) })).toEqual({
      ok: true,
      value: 'x'.repeat(5000),
    });
    expect(evaluateFeel('count(split(x, "(\\w+\\s?)*$"))', { x: 'aaaa '.repeat(200) })).toMatchObject({
      ok: true,
    });
    expect(performance.now() - started).toBeLessThan(LINEAR_BOUND_MS);
  });

  it('refuses by its steps, the same way every time, a search too long for the budget', () => {
    const hostile = { x: 'a'.repeat(1_000_000) };
    const answers = Array.from({ length: 3 }, () => evaluateFeel('matches(x, "(a|a)*b")', hostile));
    for (const answer of answers)
      expect(answer).toEqual({
        ok: false,
        message: `expression 'matches(x, "(a|a)*b")' took more than ${defaultFeelLimits.maxSteps} steps (FEEL_MAX_STEPS)`,
      });
  });

  it('charges every search of replace and split for what it may scan (x*y|x is quadratic over a global replace)', () => {
    const quadratic = { x: 'x'.repeat(8000) }; // 1.1 s in re2js unbounded
    const started = performance.now();
    expect(evaluateFeel('replace(x, "x*y|x", "-")', quadratic)).toMatchObject({
      ok: false,
      message: expect.stringContaining('(FEEL_MAX_STEPS)'),
    });
    expect(evaluateFeel('split(x, "x*y|x")', quadratic)).toMatchObject({
      ok: false,
      message: expect.stringContaining('(FEEL_MAX_STEPS)'),
    });
    expect(performance.now() - started).toBeLessThan(LINEAR_BOUND_MS);
    expect(evaluateFeel('replace(x, "x*y|x", "-")', { x: 'x'.repeat(100) })).toEqual({
      ok: true,
      value: '-'.repeat(100),
    });
  });

  it('refuses a back-reference or a lookaround, which no linear matcher runs, with a message saying so', () => {
    for (const expression of ['matches(x, "(a)\\1")', 'replace(x, "a(?=b)", "c")', 'split(x, "(?<!a)b")']) {
      const result = evaluateFeel(expression, { x: 'aab' });
      expect(result).toMatchObject({
        ok: false,
        message: expect.stringContaining('cannot be matched in linear time'),
      });
    }
  });

  it('keeps feelin’s answer to the flag it does not implement (x)', () => {
    expect(evaluateFeel('matches(x, "a b", "x")', { x: 'ab' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('not implemented'),
    });
  });
});
