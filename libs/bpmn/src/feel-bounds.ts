// Deploy-time bounds on a FEEL expression's text (issue 19): feelin's parser (lezer-feel) needs
// memory that grows faster than the text — about 80 MB for 20,000 characters of `x > 0 and …`,
// 1.2 GB for 80,000 — so an expression is measured before it is parsed, then parsed step by step
// against the clock, so that no deployment can exhaust the heap or hold the event loop.
import { parser, trackVariables } from 'lezer-feel';
import type { FeelLimits } from './feel-limits';

const expressionParser = parser.configure({ top: 'Expression', contextTracker: trackVariables({}) });

/** The syntax tree lezer-feel gives for a whole expression. */
export type FeelSyntaxTree = ReturnType<typeof expressionParser.parse>;

export type BoundedParse =
  { readonly ok: true; readonly tree: FeelSyntaxTree } | { readonly ok: false; readonly message: string };

/** The deepest bracket nesting of `expression`, brackets inside string literals not counted. */
export function bracketDepth(expression: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < expression.length; index += 1) {
    const char = expression[index];
    if (inString) {
      if (char === '\\') index += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '(' || char === '[' || char === '{') deepest = Math.max(deepest, ++depth);
    else if (char === ')' || char === ']' || char === '}') depth -= 1;
  }
  return deepest;
}

/** Why the text of `expression` is out of bounds (its length, its nesting), or undefined. */
export function textOutOfBounds(expression: string, limits: FeelLimits): string | undefined {
  if (expression.length > limits.maxExpressionLength)
    return `the expression is ${expression.length} characters long, more than the limit of ${limits.maxExpressionLength} (FEEL_MAX_EXPRESSION_LENGTH)`;
  const depth = bracketDepth(expression);
  if (depth > limits.maxNestingDepth)
    return `the expression nests brackets ${depth} deep, more than the limit of ${limits.maxNestingDepth} (FEEL_MAX_NESTING_DEPTH)`;
  return undefined;
}

/**
 * Parses `expression` once its text is within bounds, a step at a time, giving up when the parse
 * runs past its budget (lezer's steps are fine-grained: a few ms at most).
 */
export function parseWithinBounds(expression: string, limits: FeelLimits): BoundedParse {
  const outOfBounds = textOutOfBounds(expression, limits);
  if (outOfBounds !== undefined) return { ok: false, message: outOfBounds };
  const deadline = performance.now() + limits.parseBudgetMs;
  const parse = expressionParser.startParse(expression);
  for (;;) {
    const tree = parse.advance();
    if (tree) return { ok: true, tree };
    if (performance.now() > deadline)
      return {
        ok: false,
        message: `parsing the expression took more than the budget of ${limits.parseBudgetMs} ms (FEEL_PARSE_BUDGET_MS)`,
      };
  }
}
