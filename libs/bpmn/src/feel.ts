// FEEL evaluation through feelin, wrapped so that callers get a result value or a message,
// never an exception, and so that reading a variable that does not exist is a failure
// (DESIGN §3: a missing variable raises an incident, it is never silently null).
import { evaluate, parseExpression, unaryTest } from 'feelin';

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
  try {
    const { value, warnings } = evaluate(expression, context) as {
      value: unknown;
      warnings: FeelinWarning[];
    };
    const failure = failureFromWarnings(expression, warnings);
    if (failure) return { ok: false, message: failure };
    return { ok: true, value: toJsonValue(value) };
  } catch (error) {
    return { ok: false, message: `failed to evaluate expression '${expression}': ${errorMessage(error)}` };
  }
}

/** Evaluates FEEL unary tests (`> 5`, `"a","b"`) against an input value. */
export function evaluateFeelUnaryTests(
  tests: string,
  input: unknown,
  context: Readonly<Record<string, unknown>>,
): FeelResult {
  try {
    const result = unaryTest(tests, { ...context, '?': input }) as {
      value: unknown;
      warnings: FeelinWarning[];
    };
    const failure = failureFromWarnings(tests, result.warnings);
    if (failure) return { ok: false, message: failure };
    return { ok: true, value: result.value };
  } catch (error) {
    return { ok: false, message: `failed to evaluate unary tests '${tests}': ${errorMessage(error)}` };
  }
}

/** Returns a syntax error message for an invalid FEEL expression, or undefined when it parses. */
export function checkFeelSyntax(expression: string): string | undefined {
  try {
    const tree = parseExpression(expression);
    let problem: string | undefined;
    tree.iterate({
      enter(node) {
        if (problem === undefined && node.type.isError) {
          problem = `syntax error at position ${node.from} in '${expression}'`;
        }
      },
    });
    return problem;
  } catch (error) {
    return errorMessage(error);
  }
}

/** FEEL values (dates, durations, contexts from feelin) reduced to plain JSON. */
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
