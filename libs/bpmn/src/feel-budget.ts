// Cuts off a FEEL evaluation that runs past its time budget or builds too large a list (issue 18),
// in the engine's thread: feelin evaluates synchronously with no hook of its own, so the checks sit
// in the two places every costly evaluation passes through — a range enumerated into a list
// (`for i in 1..n`) and a function invoked (builtins, user functions, recursion). Measured on the
// hot path this costs a counter and, now and then, a clock read; a worker thread per evaluation
// would cost a message round trip each time.
import { FeelFunction, FeelRange } from 'feelin';
import type { FeelLimits } from './feel-limits';

/** Why an evaluation was stopped: it ran too long, or it built more items than allowed. */
export class FeelBudgetExceeded extends Error {
  constructor(
    readonly limit: 'time' | 'size',
    readonly amount: number,
  ) {
    super(limit === 'time' ? `exceeded its budget of ${amount} ms` : `built more than ${amount} list items`);
    this.name = 'FeelBudgetExceeded';
  }
}

/**
 * Steps (function calls and range items) an evaluation must have taken before the clock may stop
 * it: the clock also runs while the process is descheduled or collecting garbage, and a stall
 * alone must not fail an expression that does little work. Measured: 320,000 evaluations of
 * ordinary conditions on a loaded 2-core machine saw one stall past 100 ms.
 */
const STEPS_BEFORE_CLOCK = 100;

interface ActiveBudget {
  readonly deadline: number;
  readonly limits: FeelLimits;
  /** Range items enumerated so far in this evaluation (a `for` over two ranges multiplies them). */
  items: number;
  /** Function calls and range items so far. */
  steps: number;
  /** Set once exceeded, so that a caller inside feelin that swallowed the error cannot go on. */
  exceeded: FeelBudgetExceeded | undefined;
}

let active: ActiveBudget | undefined;

/** Runs one evaluation under the budget of `limits`; throws FeelBudgetExceeded when it is exceeded. */
export function withinFeelBudget<T>(limits: FeelLimits, evaluation: () => T): T {
  const previous = active;
  active = { deadline: performance.now() + limits.budgetMs, limits, items: 0, steps: 0, exceeded: undefined };
  try {
    return evaluation();
  } finally {
    active = previous;
  }
}

function exceed(budget: ActiveBudget, error: FeelBudgetExceeded): never {
  budget.exceeded = error;
  throw error;
}

/** One more step; past STEPS_BEFORE_CLOCK, an evaluation past its deadline is stopped. */
function step(budget: ActiveBudget): void {
  if (budget.exceeded) throw budget.exceeded;
  budget.steps += 1;
  if (budget.steps >= STEPS_BEFORE_CLOCK && performance.now() > budget.deadline)
    exceed(budget, new FeelBudgetExceeded('time', budget.limits.budgetMs));
}

/** One more range item: counted against the size limit, a step every 256 items (a clock read is dearer than an item). */
function countItem(budget: ActiveBudget): void {
  budget.items += 1;
  if (budget.items > budget.limits.maxListSize)
    exceed(budget, new FeelBudgetExceeded('size', budget.limits.maxListSize));
  if ((budget.items & 0xff) === 0) step(budget);
}

function numberRangeLength(range: FeelRange): number | undefined {
  const { start, end } = range as unknown as { start: unknown; end: unknown };
  if (typeof start !== 'number' || typeof end !== 'number') return undefined;
  return Math.abs(end - start) + 1;
}

// Installed once, when this module is first loaded; outside an evaluation the wrappers only pass through.
// eslint-disable-next-line @typescript-eslint/unbound-method -- the original, always called with .call(range)
const enumerateRange = FeelRange.prototype.map;
FeelRange.prototype.map = function budgetedMap<T>(this: FeelRange, fn: (item: unknown) => T): T[] {
  const budget = active;
  if (!budget) return enumerateRange.call(this, fn) as T[];
  // refuse an oversized range before building any of it (1..10000000 would take seconds)
  const length = numberRangeLength(this);
  if (length !== undefined && budget.items + length > budget.limits.maxListSize)
    exceed(budget, new FeelBudgetExceeded('size', budget.limits.maxListSize));
  return enumerateRange.call(this, (item: unknown) => {
    countItem(budget);
    return fn(item);
  }) as T[];
};

// eslint-disable-next-line @typescript-eslint/unbound-method -- the original, always called with .call(fn)
const invokeFunction = FeelFunction.prototype.invoke;
FeelFunction.prototype.invoke = function budgetedInvoke(this: FeelFunction, contextOrArgs: unknown): unknown {
  const budget = active;
  if (!budget) return invokeFunction.call(this, contextOrArgs);
  step(budget);
  const result: unknown = invokeFunction.call(this, contextOrArgs);
  if (Array.isArray(result) && result.length > budget.limits.maxListSize)
    exceed(budget, new FeelBudgetExceeded('size', budget.limits.maxListSize));
  return result;
};
