// The bounds every FEEL expression lives within (issues 18 and 19): how much work one evaluation may
// do (and, as a backstop, how long it may run), how large a list it may build, and how long and
// deeply nested its text may be. They are process-wide because feelin is: a service sets them once
// at start-up from its configuration.

/** Bounds on FEEL expressions, at deploy and at evaluation. */
export interface FeelLimits {
  /**
   * Steps one evaluation may take: function calls, range items, and regular-expression work (one
   * step per 8 characters × pattern instructions a search may scan). Past it the evaluation stops
   * with a failure, which the engine turns into an incident. This is the limit that decides, because
   * it decides the same way on every run: replay after a takeover must raise the same incidents.
   * 25,000 steps took 40–70 ms of CPU on the loaded 2-core machine the defaults were measured on
   * (100,000 took 160–340 ms, past the ~100 ms issue 18 asks of one evaluation).
   * @default 25000
   */
  readonly maxSteps: number;
  /**
   * Wall-clock backstop of one evaluation (parse included), ms, for work the steps do not see (a
   * builtin over a large list counts one step). Set well above what maxSteps takes: a decision of
   * the clock is not reproducible on replay. It bounds how long one expression can hold the loop.
   * @default 1000
   */
  readonly budgetMs: number;
  /**
   * Wall-clock budget of parsing one expression at deploy, ms: a second line behind the length
   * limit, generous because a cold parser (first deployment after start) is several times slower.
   * @default 1000
   */
  readonly parseBudgetMs: number;
  /** Most items a range or a list built by `for` or a function may hold. @default 100000 */
  readonly maxListSize: number;
  /** Longest expression text, in characters. @default 10000 */
  readonly maxExpressionLength: number;
  /** Deepest nesting of brackets — `(`, `[` and `{` — in an expression's text. @default 64 */
  readonly maxNestingDepth: number;
}

export const defaultFeelLimits: FeelLimits = Object.freeze({
  maxSteps: 25_000,
  budgetMs: 1000,
  parseBudgetMs: 1000,
  maxListSize: 100_000,
  maxExpressionLength: 10_000,
  maxNestingDepth: 64,
});

let current: FeelLimits = defaultFeelLimits;

/** Sets the limits for every later deploy check and evaluation; fields left out keep their defaults. */
export function configureFeelLimits(limits: Partial<FeelLimits>): void {
  current = Object.freeze({ ...defaultFeelLimits, ...limits });
}

/** The limits in force. */
export function feelLimits(): FeelLimits {
  return current;
}
