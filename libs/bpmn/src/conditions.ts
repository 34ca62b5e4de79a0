// Sequence-flow conditions to FEEL: Zeebe's `=expr` as is, Camunda 7's `${…}` translated.
// Both spellings are accepted whatever the file's dialect, so hand-edited files still deploy.
import type { ModdleElement } from 'bpmn-moddle';
import { containsJuel, translateJuelToFeel } from './c7-expression';
import { checkedFeel } from './expressions';
import { stringProperty } from './moddle-access';
import { ProblemCode } from './problems';
import type { ProblemCollector } from './problems';

/** The FEEL condition of a flow, or undefined when it has none (or after reporting why it is unusable). */
export function flowCondition(flow: ModdleElement, problems: ProblemCollector): string | undefined {
  const expression = flow['conditionExpression'] as ModdleElement | undefined;
  if (!expression) return undefined;
  const flowId = flow.id ?? '';
  const body = (stringProperty(expression, 'body') ?? '').trim();
  if (body === '') {
    problems.problem(
      ProblemCode.MISSING_CONDITION,
      `sequence flow '${flowId}' has an empty condition`,
      flowId,
    );
    return undefined;
  }
  if (body.startsWith('='))
    return checkedFeel(body.slice(1).trim(), { elementId: flowId, what: 'condition' }, problems);
  // BPMN's own way to say FEEL: the expression's `language` (DMN's FEEL URI), without Zeebe's `=`.
  if (declaresFeel(expression)) return checkedFeel(body, { elementId: flowId, what: 'condition' }, problems);
  if (containsJuel(body)) {
    const translation = translateJuelToFeel(body);
    if (translation.ok)
      return checkedFeel(translation.feel, { elementId: flowId, what: 'condition' }, problems);
    problems.problem(
      ProblemCode.UNSUPPORTED_EXPRESSION,
      `condition of sequence flow '${flowId}': ${translation.message}`,
      flowId,
    );
    return undefined;
  }
  problems.problem(
    ProblemCode.FEEL_SYNTAX,
    `condition of sequence flow '${flowId}' must be a FEEL expression starting with '=' (or a Camunda 7 \${…} expression), got '${body}'`,
    flowId,
  );
  return undefined;
}

/** A `language` URI naming FEEL, e.g. `https://www.omg.org/spec/DMN/20191111/FEEL/`. */
function declaresFeel(expression: ModdleElement): boolean {
  return /\/FEEL\b/i.test(stringProperty(expression, 'language') ?? '');
}
