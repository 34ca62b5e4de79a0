// Cuts off a FEEL evaluation that does too much work or builds too large a list (issue 18), in the
// engine's thread: feelin evaluates synchronously with no hook of its own, so the checks sit in the
// two places every costly evaluation passes through — a range enumerated into a list
// (`for i in 1..n`) and a function invoked (builtins, user functions, recursion) — and in the
// regular-expression builtins, which run in linear time here (feel-regex.ts) and charge their work.
//
// The limit that decides is a count of steps (calls, range items, regular-expression work), not the
// clock: an incident the budget raises is part of the instance's state, and the log-first runtime
// replays commands on takeover and requires the same state to the byte. A wall-clock limit would
// let an evaluation near it pass live and fail on replay (or on a slower replica); the same steps
// are counted on every run. The clock stays only as a backstop, far above what the steps allow, for
// work the steps do not see (a builtin over a large list is one step): should it ever fire, that
// decision is not reproducible, which is why it must stay out of reach of anything the steps count.
import { FeelFunction, FeelRange } from 'feelin';
import type { FeelLimits } from './feel-limits';
import { linearRegexBuiltins } from './feel-regex';

/** Why an evaluation was stopped: it took too many steps, built too many items, or ran past the backstop. */
export class FeelBudgetExceeded extends Error {
  constructor(
    readonly limit: 'steps' | 'size' | 'time',
    readonly amount: number,
  ) {
    super(
      limit === 'steps'
        ? `took more than ${amount} steps`
        : limit === 'size'
          ? `built more than ${amount} list items`
          : `exceeded its time backstop of ${amount} ms`,
    );
    this.name = 'FeelBudgetExceeded';
  }
}

/**
 * Steps an evaluation must have taken before the backstop clock may stop it: the clock also runs
 * while the process is descheduled or collecting garbage, and a stall alone must not fail an
 * expression that does little work. Measured: 320,000 evaluations of ordinary conditions on a
 * loaded 2-core machine saw one stall past 100 ms.
 */
const STEPS_BEFORE_CLOCK = 100;
/** The clock is read every this many steps past STEPS_BEFORE_CLOCK (a read costs 30–40 ns, a step 500+). */
const STEPS_PER_CLOCK_READ = 64;

interface ActiveBudget {
  readonly deadline: number;
  readonly limits: FeelLimits;
  /** Range items enumerated so far in this evaluation (a `for` over two ranges multiplies them). */
  items: number;
  /** Function calls, range items and regular-expression work so far. */
  steps: number;
  /** Steps at which the clock is read next. */
  nextClockRead: number;
  /** Set once exceeded, so that a caller inside feelin that swallowed the error cannot go on. */
  exceeded: FeelBudgetExceeded | undefined;
}

let active: ActiveBudget | undefined;

/**
 * Steps charged per character of an expression evaluated inside another (a DMN business knowledge
 * model that FEEL invokes): feelin parses it again at each call, which is the cost there — measured
 * on a loaded 2-core machine, 0.23 ms for `n + 1` and 2 ms for a 46-character `if`, some 45 µs a
 * character, while a step is 0.5 µs and more. Without it a recursive model would run into the
 * clock backstop (not reproducible) long before the step limit.
 */
export const NESTED_STEPS_PER_CHARACTER = 10;

/** Whether an evaluation is under way: one started now runs inside it. */
export function feelEvaluationActive(): boolean {
  return active !== undefined;
}

/**
 * Runs one evaluation under the budget of `limits`; throws FeelBudgetExceeded when it is exceeded.
 * An evaluation started inside another (a DMN business knowledge model that FEEL invokes) spends
 * the budget of the one that invoked it, `nestedSteps` for its own parse first: a fresh budget per
 * call would let a recursive model run unbounded.
 */
export function withinFeelBudget<T>(limits: FeelLimits, evaluation: () => T, nestedSteps = 0): T {
  if (active) {
    charge(active, nestedSteps);
    return evaluation();
  }
  active = {
    deadline: performance.now() + limits.budgetMs,
    limits,
    items: 0,
    steps: 0,
    nextClockRead: STEPS_BEFORE_CLOCK,
    exceeded: undefined,
  };
  try {
    return evaluation();
  } finally {
    active = undefined;
  }
}

function exceed(budget: ActiveBudget, error: FeelBudgetExceeded): never {
  budget.exceeded = error;
  throw error;
}

/** `count` more steps: past the limit the evaluation stops; past the backstop's deadline too. */
function charge(budget: ActiveBudget, count: number): void {
  if (budget.exceeded) throw budget.exceeded;
  budget.steps += count;
  if (budget.steps > budget.limits.maxSteps)
    exceed(budget, new FeelBudgetExceeded('steps', budget.limits.maxSteps));
  if (budget.steps >= budget.nextClockRead) {
    budget.nextClockRead = budget.steps + STEPS_PER_CLOCK_READ;
    if (performance.now() > budget.deadline)
      exceed(budget, new FeelBudgetExceeded('time', budget.limits.budgetMs));
  }
}

/** One more range item: a step, and counted against the size limit. */
function countItem(budget: ActiveBudget): void {
  budget.items += 1;
  if (budget.items > budget.limits.maxListSize)
    exceed(budget, new FeelBudgetExceeded('size', budget.limits.maxListSize));
  charge(budget, 1);
}

/** How many items a range of whole numbers holds at most (its open ends included), else undefined. */
function wholeNumberRangeLength(range: FeelRange): number | undefined {
  const { start, end } = range as unknown as { start: unknown; end: unknown };
  if (!Number.isInteger(start) || !Number.isInteger(end)) return undefined;
  return Math.abs((end as number) - (start as number)) + 1;
}

// Installed once, when this module is first loaded; outside an evaluation the wrappers only pass through.
// eslint-disable-next-line @typescript-eslint/unbound-method -- the original, always called with .call(range)
const enumerateRange = FeelRange.prototype.map;
FeelRange.prototype.map = function budgetedMap<T>(this: FeelRange, fn: (item: unknown) => T): T[] {
  const budget = active;
  if (!budget) return enumerateRange.call(this, fn) as T[];
  const length = wholeNumberRangeLength(this);
  if (length !== undefined) {
    // counted whole before any of it is built (1..10000000 would take seconds), the same on every
    // run; a third cheaper than counting item by item
    if (budget.items + length > budget.limits.maxListSize)
      exceed(budget, new FeelBudgetExceeded('size', budget.limits.maxListSize));
    budget.items += length;
    charge(budget, length);
    return enumerateRange.call(this, fn) as T[];
  }
  // dates, or a fractional bound that may never be reached: item by item
  return enumerateRange.call(this, (item: unknown) => {
    countItem(budget);
    return fn(item);
  }) as T[];
};

/** Charges the evaluation under way; the regular-expression builtins run only within one. */
function chargeActive(count: number): void {
  if (active) charge(active, count);
}

/** feelin's `matches`, `replace` and `split` → the same in linear time, charged to the steps. */
const linearBuiltins = linearRegexBuiltins(chargeActive);

// eslint-disable-next-line @typescript-eslint/unbound-method -- the original, always called with .call(fn)
const invokeFunction = FeelFunction.prototype.invoke;
FeelFunction.prototype.invoke = function budgetedInvoke(this: FeelFunction, contextOrArgs: unknown): unknown {
  const budget = active;
  if (!budget) return invokeFunction.call(this, contextOrArgs);
  charge(budget, 1);
  const target = linearBuiltins.get(this.fn) ?? this;
  const result: unknown = invokeFunction.call(target, contextOrArgs);
  if (Array.isArray(result) && result.length > budget.limits.maxListSize)
    exceed(budget, new FeelBudgetExceeded('size', budget.limits.maxListSize));
  return result;
};
