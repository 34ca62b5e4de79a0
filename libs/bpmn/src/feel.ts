// FEEL evaluation through feelin, wrapped so that callers get a result value or a message,
// never an exception, and so that reading a variable that does not exist is a failure
// (DESIGN §3: a missing variable raises an incident, it is never silently null). Every evaluation
// runs within the budget of feel-limits.ts: one that takes too many steps or builds too much fails.
import { evaluate, unaryTest } from 'feelin';
import {
  FeelBudgetExceeded,
  NESTED_STEPS_PER_CHARACTER,
  feelEvaluationActive,
  withinFeelBudget,
} from './feel-budget';
import { parseWithinBounds, textOutOfBounds } from './feel-bounds';
import { constantOverLimits } from './feel-constant';
import { feelLimits } from './feel-limits';

export type FeelResult =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

interface FeelinWarning {
  readonly type?: string;
  readonly message?: string;
}

function failureFromWarnings(expression: string, warnings: readonly FeelinWarning[]): string | undefined {
  const missing = warnings.find((warning) => warning.type === 'NO_VARIABLE_FOUND');
  if (missing)
    return `failed to evaluate expression '${expression}': ${missing.message ?? 'no variable found'}`;
  return undefined;
}

/** Evaluates a FEEL expression (without the leading `=`) against a variable context. */
export function evaluateFeel(expression: string, context: Readonly<Record<string, unknown>>): FeelResult {
  return evaluateWithinBudget(expression, context, true);
}

/**
 * evaluateFeel without reducing the value to JSON: dates, durations, ranges and functions as feelin
 * gives them, for a value another FEEL evaluation reads (a DMN context entry, a business knowledge
 * model's result); feelValueToJson reduces it once it leaves FEEL.
 */
export function evaluateFeelValue(
  expression: string,
  context: Readonly<Record<string, unknown>>,
): FeelResult {
  return evaluateWithinBudget(expression, context, false);
}

function evaluateWithinBudget(
  expression: string,
  context: Readonly<Record<string, unknown>>,
  asJson: boolean,
): FeelResult {
  const limits = feelLimits();
  // deployed expressions were bounded at deploy; this guards those that never were (task headers)
  const outOfBounds = textOutOfBounds(expression, limits);
  if (outOfBounds !== undefined) return { ok: false, message: `expression refused: ${outOfBounds}` };
  try {
    const { value, warnings } = withinFeelBudget(
      limits,
      () => evaluate(expression, context),
      expression.length * NESTED_STEPS_PER_CHARACTER,
    ) as { value: unknown; warnings: FeelinWarning[] };
    const failure = failureFromWarnings(expression, warnings);
    if (failure) return { ok: false, message: failure };
    return { ok: true, value: asJson ? toJsonValue(value) : value };
  } catch (error) {
    passUpFromNestedEvaluation(error);
    if (error instanceof FeelBudgetExceeded) return { ok: false, message: budgetMessage(expression, error) };
    return { ok: false, message: `failed to evaluate expression '${expression}': ${errorMessage(error)}` };
  }
}

/** Evaluates FEEL unary tests (`> 5`, `"a","b"`) against an input value. */
export function evaluateFeelUnaryTests(
  tests: string,
  input: unknown,
  context: Readonly<Record<string, unknown>>,
): FeelResult {
  const limits = feelLimits();
  const outOfBounds = textOutOfBounds(tests, limits);
  if (outOfBounds !== undefined) return { ok: false, message: `unary tests refused: ${outOfBounds}` };
  try {
    const result = withinFeelBudget(
      limits,
      () => unaryTest(tests, { ...context, '?': input }),
      tests.length * NESTED_STEPS_PER_CHARACTER,
    ) as { value: unknown; warnings: FeelinWarning[] };
    const failure = failureFromWarnings(tests, result.warnings);
    if (failure) return { ok: false, message: failure };
    return { ok: true, value: result.value };
  } catch (error) {
    passUpFromNestedEvaluation(error);
    if (error instanceof FeelBudgetExceeded) return { ok: false, message: budgetMessage(tests, error) };
    return { ok: false, message: `failed to evaluate unary tests '${tests}': ${errorMessage(error)}` };
  }
}

/**
 * Thrown by a function FEEL invokes whose own evaluation failed (a DMN business knowledge model's
 * body): it goes up through feelin to the evaluation that started it all, which reports it once.
 */
export class FeelFunctionFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeelFunctionFailed';
  }
}

/** Inside another evaluation, a budget exceeded or a function failed is the outer one's to report. */
function passUpFromNestedEvaluation(error: unknown): void {
  if (feelEvaluationActive() && (error instanceof FeelBudgetExceeded || error instanceof FeelFunctionFailed))
    throw error;
}

/** Why an expression cannot be deployed: it breaks a limit of feel-limits.ts, or it does not parse. */
export interface FeelDeployProblem {
  readonly kind: 'limit' | 'syntax';
  readonly message: string;
}

/**
 * Checks an expression for deployment: too long, nested too deep or too slow to parse
 * (feel-bounds.ts), a syntax error, or constant and over its list size when tried (feel-constant.ts).
 */
export function checkFeelExpression(expression: string): FeelDeployProblem | undefined {
  try {
    const limits = feelLimits();
    const parsed = parseWithinBounds(expression, limits);
    if (!parsed.ok) return { kind: 'limit', message: parsed.message };
    let syntaxError: string | undefined;
    parsed.tree.iterate({
      enter(node) {
        if (syntaxError === undefined && node.type.isError) {
          syntaxError = `syntax error at position ${node.from} in '${expression}'`;
        }
      },
    });
    if (syntaxError !== undefined) return { kind: 'syntax', message: syntaxError };
    const overLimits = constantOverLimits(expression, parsed.tree, limits);
    return overLimits === undefined ? undefined : { kind: 'limit', message: overLimits };
  } catch (error) {
    return { kind: 'syntax', message: errorMessage(error) };
  }
}

/** Returns why an expression cannot be deployed (checkFeelExpression's message), or undefined. */
export function checkFeelSyntax(expression: string): string | undefined {
  return checkFeelExpression(expression)?.message;
}

/** Names the expression (shortened: a runaway one may be long) and the limit it went past. */
function budgetMessage(expression: string, error: FeelBudgetExceeded): string {
  const shown = expression.length > 200 ? `${expression.slice(0, 200)}…` : expression;
  const setting = { steps: 'FEEL_MAX_STEPS', size: 'FEEL_MAX_LIST_SIZE', time: 'FEEL_BUDGET_MS' }[
    error.limit
  ];
  return `expression '${shown}' ${error.message} (${setting})`;
}

/** FEEL values (dates, durations, contexts from feelin) reduced to plain JSON. */
export function feelValueToJson(value: unknown): unknown {
  return toJsonValue(value);
}

function toJsonValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function')
    return (value as { toJSON(): unknown }).toJSON();
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return (value as { toString(): string }).toString(); // FEEL's own value classes (ranges, functions) print themselves
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, toJsonValue(entry)]));
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
