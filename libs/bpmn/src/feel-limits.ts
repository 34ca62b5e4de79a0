// The bounds every FEEL expression lives within (issues 18 and 19): how long one evaluation may
// run, how large a list it may build, and how long and deeply nested its text may be. They are
// process-wide because feelin is: a service sets them once at start-up from its configuration.

/** Bounds on FEEL expressions, at deploy and at evaluation. */
export interface FeelLimits {
  /**
   * Wall-clock budget of one evaluation (parse included), ms; past it the evaluation stops with a
   * failure, which the engine turns into an incident. It is also the longest one expression can
   * hold the engine's event loop.
   * @default 100
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
  budgetMs: 100,
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
