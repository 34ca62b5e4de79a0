// Reads a `businessKnowledgeModel`: its name (the variable's), the formal parameters and body of
// its encapsulated logic, and the business knowledge models it requires. Each problem names the
// model's id: a model without logic or body, a parameter without name, a Java or PMML function.
import type { DmnElement } from 'dmn-moddle';
import type { BusinessKnowledgeModel, DmnProblem } from './model';
import { readBoxedExpression, readParameters } from './read-boxed-expression';
import { knowledgeRequirement, requiredIds } from './requirement-refs';

export function readBusinessKnowledgeModel(
  element: DmnElement,
  /** The business knowledge models and decision services it may require. */
  invocables: ReadonlySet<string>,
  problems: DmnProblem[],
): BusinessKnowledgeModel[] {
  const bkmId = element.id;
  if (!bkmId) {
    problems.push({
      code: 'MISSING_ID',
      message: `business knowledge model '${element.name ?? '?'}' has no id`,
    });
    return [];
  }
  const before = problems.length;
  const name = (element.variable as DmnElement | undefined)?.name ?? element.name ?? bkmId;
  const requiredKnowledgeIds = requiredIds(element, bkmId, knowledgeRequirement, invocables, problems);
  const logic = element.encapsulatedLogic as DmnElement | undefined;
  if (!logic) {
    problems.push({
      code: 'MISSING_EXPRESSION',
      elementId: bkmId,
      message: 'the business knowledge model has no encapsulated logic',
    });
    return [];
  }
  const kind = typeof logic.kind === 'string' ? logic.kind : 'FEEL';
  if (kind !== 'FEEL') {
    problems.push({
      code: 'UNSUPPORTED_DECISION_LOGIC',
      elementId: bkmId,
      message: `${kind} functions are not supported (FEEL functions are)`,
    });
    return [];
  }
  const parameters = readParameters(logic, bkmId, problems);
  const body = logic.body as DmnElement | undefined;
  if (!body) {
    problems.push({
      code: 'MISSING_EXPRESSION',
      elementId: bkmId,
      message: 'the encapsulated logic of the business knowledge model has no body',
    });
    return [];
  }
  const read = readBoxedExpression(body, bkmId, problems);
  if (!read || !parameters || problems.length > before) return [];
  return [{ bkmId, name, parameters, requiredKnowledgeIds, body: read }];
}
