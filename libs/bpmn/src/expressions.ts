// Turns attribute texts into model values: `=expr` is FEEL (syntax-checked at deploy so a typo
// fails the deployment, not a running instance); anything else is a static value.
import { checkFeelExpression, type FeelDeployProblem } from './feel';
import type { ValueSource } from './model';
import { ProblemCode } from './problems';
import type { ProblemCollector } from './problems';
import { feelStringLiteral } from './c7-expression';

/** Where an expression sits, for problem messages: the element id and what the expression is. */
export interface ExpressionSite {
  readonly elementId: string;
  readonly what: string;
}

/**
 * Records a FEEL_SYNTAX problem when `expression` does not parse, a FEEL_LIMIT problem when it
 * breaks a bound of feel-limits.ts (length, nesting, parse time, a constant over budget); returns it unchanged.
 */
export function checkedFeel(expression: string, site: ExpressionSite, problems: ProblemCollector): string {
  const found: FeelDeployProblem | undefined =
    expression.trim() === ''
      ? { kind: 'syntax', message: 'empty expression' }
      : checkFeelExpression(expression);
  if (found?.kind === 'syntax') {
    problems.problem(
      ProblemCode.FEEL_SYNTAX,
      `${site.what} of '${site.elementId}' is not valid FEEL: ${found.message}`,
      site.elementId,
    );
  } else if (found?.kind === 'limit') {
    problems.problem(
      ProblemCode.FEEL_LIMIT,
      `${site.what} of '${site.elementId}' is refused: ${found.message}`,
      site.elementId,
    );
  }
  return expression;
}

/** `=expr` → FEEL value source; other text → static value source. */
export function valueSource(raw: string, site: ExpressionSite, problems: ProblemCollector): ValueSource {
  const trimmed = raw.trim();
  if (trimmed.startsWith('='))
    return { kind: 'feel', expression: checkedFeel(trimmed.slice(1).trim(), site, problems) };
  return { kind: 'static', value: raw };
}

/** A mapping source: `=expr` → the FEEL expression, static text → a FEEL string literal. */
export function mappingSource(raw: string, site: ExpressionSite, problems: ProblemCollector): string {
  const trimmed = raw.trim();
  if (trimmed.startsWith('=')) return checkedFeel(trimmed.slice(1).trim(), site, problems);
  return feelStringLiteral(raw);
}
