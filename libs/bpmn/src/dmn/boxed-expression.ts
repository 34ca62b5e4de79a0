// Evaluates a boxed expression (model.ts DecisionLogic) to a FEEL value — not reduced to JSON, so
// that a date, range or function one part gives stays one for the part that reads it (a context's
// later entries, a function's caller). Every FEEL text goes through evaluateFeelValue and so runs
// under the FEEL budget; a function it makes is invoked by FEEL within the caller's budget.
import { FeelFunction, isFunction } from 'feelin';
import { evaluateFeelValue, FeelFunctionFailed, feelValueToJson, type FeelResult } from '../feel';
import { evaluateDecisionTable } from './decision-table';
import type {
  ConditionalLogic,
  ContextLogic,
  DecisionLogic,
  FilterLogic,
  InvocationLogic,
  IterationLogic,
  RelationLogic,
} from './model';

type Context = Readonly<Record<string, unknown>>;

export function evaluateBoxedValue(logic: DecisionLogic, context: Context): FeelResult {
  switch (logic.kind) {
    case 'literalExpression':
      return evaluateFeelValue(logic.expression, context);
    case 'decisionTable': {
      const outcome = evaluateDecisionTable(logic, context);
      return outcome.ok ? { ok: true, value: outcome.output } : outcome;
    }
    case 'invocation':
      return evaluateInvocation(logic, context);
    case 'context':
      return evaluateContext(logic, context);
    case 'list':
      return evaluateEach(logic.items, context);
    case 'relation':
      return evaluateRelation(logic, context);
    case 'functionDefinition':
      return {
        ok: true,
        value: boxedFunction('function', logic.parameters, logic.body, () => context),
      };
    case 'conditional':
      return evaluateConditional(logic, context);
    case 'filter':
      return evaluateFilter(logic, context);
    case 'for':
    case 'some':
    case 'every':
      return evaluateIteration(logic, context);
  }
}

/**
 * A FEEL function whose body is a boxed expression evaluated in `scope()` with the arguments bound
 * to `parameters` (a missing argument is null). `scope` is read at each call, so that business
 * knowledge models may invoke one another, or themselves, once all are made.
 */
export function boxedFunction(
  label: string,
  parameters: readonly string[],
  body: DecisionLogic,
  scope: () => Context,
): FeelFunction {
  return new FeelFunction(
    (...args: unknown[]) => {
      const local: Record<string, unknown> = { ...scope() };
      parameters.forEach((name, index) => {
        local[name] = args[index] ?? null;
      });
      const result = evaluateBoxedValue(body, local);
      if (!result.ok) throw new FeelFunctionFailed(`${label}: ${result.message}`);
      return result.value;
    },
    [...parameters],
  );
}

/** The called function's value, then each binding, then the call itself in FEEL (the budget charges it). */
function evaluateInvocation(logic: InvocationLogic, context: Context): FeelResult {
  const called = evaluateFeelValue(logic.calledFunction, context);
  if (!called.ok) return called;
  if (!isFunction(called.value)) return { ok: false, message: `'${logic.calledFunction}' is not a function` };
  const parameterNames = called.value.parameterNames;
  const byName = new Map<string, unknown>();
  for (const binding of logic.bindings) {
    if (!parameterNames.includes(binding.parameter))
      return {
        ok: false,
        message: `'${logic.calledFunction}' has no parameter '${binding.parameter}' (it has ${parameterNames.join(', ') || 'none'})`,
      };
    if (binding.value === undefined) continue;
    const value = evaluateBoxedValue(binding.value, context);
    if (!value.ok) return { ok: false, message: `binding '${binding.parameter}': ${value.message}` };
    byName.set(binding.parameter, value.value);
  }
  const callContext: Record<string, unknown> = { invoked: called.value };
  const argumentNames = parameterNames.map((name, index) => {
    callContext[`argument${index}`] = byName.get(name) ?? null;
    return `argument${index}`;
  });
  return evaluateFeelValue(`invoked(${argumentNames.join(', ')})`, callContext);
}

/** Entries in order, each seeing those before; the unnamed last entry is the result, else all entries. */
function evaluateContext(logic: ContextLogic, context: Context): FeelResult {
  const local: Record<string, unknown> = { ...context };
  const entries: Record<string, unknown> = {};
  for (const [index, entry] of logic.entries.entries()) {
    const value = evaluateBoxedValue(entry.value, local);
    if (!value.ok)
      return { ok: false, message: `context entry '${entry.name ?? index + 1}': ${value.message}` };
    if (entry.name === undefined) return value;
    local[entry.name] = value.value;
    entries[entry.name] = value.value;
  }
  return { ok: true, value: entries };
}

function evaluateEach(items: readonly DecisionLogic[], context: Context): FeelResult {
  const values: unknown[] = [];
  for (const item of items) {
    const value = evaluateBoxedValue(item, context);
    if (!value.ok) return value;
    values.push(value.value);
  }
  return { ok: true, value: values };
}

function evaluateRelation(logic: RelationLogic, context: Context): FeelResult {
  const rows: Record<string, unknown>[] = [];
  for (const row of logic.rows) {
    const cells = evaluateEach(row, context);
    if (!cells.ok) return cells;
    const values = cells.value as unknown[];
    rows.push(Object.fromEntries(logic.columns.map((column, index) => [column, values[index] ?? null])));
  }
  return { ok: true, value: rows };
}

/** `then` for true, `else` for false or null; anything else is not a condition (DMN 1.5 §7.3.9). */
function evaluateConditional(logic: ConditionalLogic, context: Context): FeelResult {
  const condition = evaluateBoxedValue(logic.if, context);
  if (!condition.ok) return condition;
  if (condition.value === true) return evaluateBoxedValue(logic.then, context);
  if (condition.value === false || condition.value === null) return evaluateBoxedValue(logic.else, context);
  return {
    ok: false,
    message: `the condition of the conditional is not a boolean: ${describe(condition.value)}`,
  };
}

/** The items whose `match` is true; each is `item`, and a context's entries are names too (FEEL filters). */
function evaluateFilter(logic: FilterLogic, context: Context): FeelResult {
  const list = listOf(logic.in, context, 'filter');
  if (!list.ok) return list;
  const kept: unknown[] = [];
  for (const item of list.value as unknown[]) {
    const entries = isPlainContext(item) ? item : {};
    const match = evaluateBoxedValue(logic.match, { ...context, ...entries, item });
    if (!match.ok) return match;
    if (match.value !== true && match.value !== false && match.value !== null)
      return { ok: false, message: `the match of the filter is not a boolean: ${describe(match.value)}` };
    if (match.value === true) kept.push(item);
  }
  return { ok: true, value: kept };
}

/** for: the body of each item; some / every: whether it is true for one / all (booleans only). */
function evaluateIteration(logic: IterationLogic, context: Context): FeelResult {
  const list = listOf(logic.in, context, logic.kind);
  if (!list.ok) return list;
  const values: unknown[] = [];
  for (const item of list.value as unknown[]) {
    const value = evaluateBoxedValue(logic.body, { ...context, [logic.variable]: item });
    if (!value.ok) return value;
    if (logic.kind !== 'for' && typeof value.value !== 'boolean')
      return {
        ok: false,
        message: `the satisfies of ${logic.kind} is not a boolean: ${describe(value.value)}`,
      };
    values.push(value.value);
  }
  if (logic.kind === 'some') return { ok: true, value: values.includes(true) };
  if (logic.kind === 'every') return { ok: true, value: values.every((value) => value === true) };
  return { ok: true, value: values };
}

function listOf(logic: DecisionLogic, context: Context, what: string): FeelResult {
  const value = evaluateBoxedValue(logic, context);
  if (!value.ok || Array.isArray(value.value)) return value;
  return { ok: false, message: `the in of the ${what} is not a list: ${describe(value.value)}` };
}

function isPlainContext(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function describe(value: unknown): string {
  return JSON.stringify(feelValueToJson(value)) ?? String(value);
}
