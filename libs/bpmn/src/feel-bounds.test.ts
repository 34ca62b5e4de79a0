import { bracketDepth, parseWithinBounds } from './feel-bounds';
import { checkFeelExpression } from './feel';
import { configureFeelLimits, defaultFeelLimits } from './feel-limits';

function chainOf(terms: number): string {
  return Array.from({ length: terms }, () => 'x > 0').join(' and ');
}

describe('FEEL bounds at deploy', () => {
  afterEach(() => configureFeelLimits({}));

  it('refuses the 20,000-term condition by its length, before parsing it', () => {
    const problem = checkFeelExpression(chainOf(20_000));
    expect(problem).toEqual({
      kind: 'limit',
      message: `the expression is 199995 characters long, more than the limit of ${defaultFeelLimits.maxExpressionLength} (FEEL_MAX_EXPRESSION_LENGTH)`,
    });
  });

  it('accepts a long expression within the length limit', () => {
    expect(checkFeelExpression(chainOf(200))).toBeUndefined();
  });

  it('refuses brackets nested deeper than allowed, but not brackets inside strings', () => {
    expect(checkFeelExpression(`${'('.repeat(65)}1${')'.repeat(65)}`)).toMatchObject({
      kind: 'limit',
      message: expect.stringContaining('nests brackets 65 deep'),
    });
    expect(bracketDepth('"((((((((" + a[(1)]')).toBe(2);
    expect(bracketDepth('"\\"(((" + f(x)')).toBe(1);
  });

  it('gives up a parse that runs past its budget', () => {
    const limits = { ...defaultFeelLimits, parseBudgetMs: 0 };
    const parsed = parseWithinBounds(chainOf(900), limits);
    expect(parsed).toEqual({
      ok: false,
      message: 'parsing the expression took more than the budget of 0 ms (FEEL_PARSE_BUDGET_MS)',
    });
  });

  it('refuses a constant expression that exceeds its list size when tried', () => {
    expect(checkFeelExpression('count(for i in 1..10000000 return i) > 1')).toMatchObject({
      kind: 'limit',
      message: expect.stringContaining('reads no variable, and tried at deploy it built more than'),
    });
  });

  it('accepts the same expression when a variable drives it, and constants within budget', () => {
    expect(checkFeelExpression('count(for i in 1..n return i) > 1')).toBeUndefined();
    expect(checkFeelExpression('{f: function(n) n + 1, r: f(2)}.r = 3')).toBeUndefined();
    expect(checkFeelExpression('date("2020-01-01") + duration("P1D")')).toBeUndefined();
  });

  it('still reports syntax errors as such', () => {
    expect(checkFeelExpression('a >')).toMatchObject({ kind: 'syntax' });
  });
});
