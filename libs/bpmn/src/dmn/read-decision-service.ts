// Reads a `decisionService`: its name (the variable's), output decisions, input decisions and input
// data, each reference resolved within the file; the parameters are the input data's names, then
// the input decisions' result names (DMN 1.3 §6.3.10). Problems name the service's id.
import type { DmnElement } from 'dmn-moddle';
import type { DecisionModel, DecisionServiceModel, DmnProblem, InputDataModel } from './model';
import { elementsOf } from './moddle-values';

export function readDecisionService(
  element: DmnElement,
  decisions: readonly DecisionModel[],
  inputData: readonly InputDataModel[],
  problems: DmnProblem[],
): DecisionServiceModel[] {
  const serviceId = element.id;
  if (!serviceId) {
    problems.push({ code: 'MISSING_ID', message: `decision service '${element.name ?? '?'}' has no id` });
    return [];
  }
  const before = problems.length;
  const decisionsById = new Map(decisions.map((decision) => [decision.decisionId, decision]));
  const inputDataById = new Map(inputData.map((input) => [input.inputDataId, input]));
  const resolve = <T>(property: string, known: ReadonlyMap<string, T>, what: string): T[] =>
    elementsOf(element, property).flatMap((reference) => {
      const href = typeof reference.href === 'string' ? reference.href : '';
      const found = known.get(href.slice(href.indexOf('#') + 1));
      if (found !== undefined) return [found];
      problems.push({
        code: 'UNRESOLVED_REFERENCE',
        elementId: serviceId,
        message: `the decision service names ${what} '${href}', which is not in the file`,
      });
      return [];
    });
  const outputs = resolve('outputDecision', decisionsById, 'output decision');
  const inputDecisions = resolve('inputDecision', decisionsById, 'input decision');
  const inputs = resolve('inputData', inputDataById, 'input data');
  if (outputs.length === 0 && problems.length === before)
    problems.push({
      code: 'MISSING_OUTPUT',
      elementId: serviceId,
      message: 'the decision service has no output decision',
    });
  if (problems.length > before) return [];
  return [
    {
      serviceId,
      name: (element.variable as DmnElement | undefined)?.name ?? element.name ?? serviceId,
      outputDecisionIds: outputs.map((decision) => decision.decisionId),
      inputDecisionIds: inputDecisions.map((decision) => decision.decisionId),
      parameters: [
        ...inputs.map((input) => input.name),
        ...inputDecisions.map((decision) => decision.resultName),
      ],
    },
  ];
}
