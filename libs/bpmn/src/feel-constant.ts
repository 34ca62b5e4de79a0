// Deploy-time refusal of constant expressions certain to exceed their limits (issue 18): an
// expression that reads no variable gives the same evaluation on every instance, so one trial
// evaluation at deploy tells whether every instance would raise the same incident.
import { evaluate, FeelFunction } from 'feelin';
import { FeelBudgetExceeded, withinFeelBudget } from './feel-budget';
import type { FeelSyntaxTree } from './feel-bounds';
import type { FeelLimits } from './feel-limits';

const builtinNames = new Map<string, boolean>();

/** Whether `name` is one of feelin's builtin functions (`count`, `sum`…), remembered per name. */
function isBuiltin(name: string): boolean {
  let known = builtinNames.get(name);
  if (known === undefined) {
    const value = evaluate(name, {}).value;
    known = typeof value === 'function' || value instanceof FeelFunction; // builtins are plain functions
    builtinNames.set(name, known);
  }
  return known;
}

/**
 * Whether the expression reads no variable: every name it refers to is a builtin function or is
 * declared in the expression itself (a `for`/`some`/`every` variable, a parameter, a context key).
 */
export function isConstantExpression(expression: string, tree: FeelSyntaxTree): boolean {
  const declared = new Set<string>();
  const referenced = new Set<string>();
  tree.iterate({
    enter(node) {
      const text = expression.slice(node.from, node.to);
      if (node.name === 'Name') declared.add(text);
      else if (node.name === 'VariableName') referenced.add(text);
    },
  });
  for (const name of referenced) if (!declared.has(name) && !isBuiltin(name)) return false;
  return true;
}

/**
 * How long the trial may run: short, since a deployment may hold many expressions; a trial cut off
 * by the clock proves nothing (the machine may be busy) and the expression is accepted.
 */
const TRIAL_MS = 10;

/** Why a constant expression can never be evaluated within its limits, or undefined. */
export function constantOverLimits(
  expression: string,
  tree: FeelSyntaxTree,
  limits: FeelLimits,
): string | undefined {
  if (!isConstantExpression(expression, tree)) return undefined;
  try {
    withinFeelBudget({ ...limits, budgetMs: Math.min(limits.budgetMs, TRIAL_MS) }, () =>
      evaluate(expression, {}),
    );
    return undefined;
  } catch (error) {
    // the size and step limits are certain: the same constant does the same work on every instance
    if (error instanceof FeelBudgetExceeded && error.limit !== 'time')
      return `the expression reads no variable, and tried at deploy it ${error.message} (${error.limit === 'size' ? 'FEEL_MAX_LIST_SIZE' : 'FEEL_MAX_STEPS'})`;
    return undefined; // other failures surface as incidents at run time, as before
  }
}
