// FEEL in task headers (DESIGN §3 Expressions): evaluated with @baton/bpmn's evaluateFeel, never
// with eval. A header that fails to evaluate is a TaskConfigurationError, so the job raises an
// incident carrying the FEEL message instead of retrying a call that cannot be built.
import { evaluateFeel } from '@baton/bpmn';
import { TaskConfigurationError } from '../jobs/task-configuration-error';

/**
 * Evaluates a header that is always FEEL (`body`, `payload`, `resultExpression`); the leading
 * `=` of the Camunda 8 style is optional.
 */
export function evaluateHeader(
  header: string,
  expression: string,
  context: Readonly<Record<string, unknown>>,
): unknown {
  const result = evaluateFeel(stripEquals(expression), context);
  if (!result.ok) throw new TaskConfigurationError(header, result.message);
  return result.value;
}

/** A header that is literal text, or FEEL when it starts with `=` (`url`, `topic`); must give a string. */
export function textOrExpression(
  header: string,
  value: string,
  context: Readonly<Record<string, unknown>>,
): string {
  if (!value.trimStart().startsWith('=')) return value.trim();
  const result = evaluateHeader(header, value, context);
  if (typeof result !== 'string')
    throw new TaskConfigurationError(
      header,
      `expected the expression to give a string, got ${describe(result)}`,
    );
  return result.trim();
}

function stripEquals(expression: string): string {
  const trimmed = expression.trim();
  return trimmed.startsWith('=') ? trimmed.slice(1) : trimmed;
}

/** A value's FEEL-ish type name for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a context';
  return `${typeof value} ${JSON.stringify(value)}`;
}
