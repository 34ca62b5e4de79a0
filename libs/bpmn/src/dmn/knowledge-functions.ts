// The business knowledge models and decision services of a graph as FEEL functions, made once per
// evaluation. A model's body sees its parameters and the models it requires — not the decision's
// input data (DMN 1.3 §6.3.8). A service evaluates its output decisions from its arguments: the
// input data and the input decisions' results (§6.3.10), whose decisions it does not evaluate.
import { FeelFunction } from 'feelin';
import { FeelFunctionFailed } from '../feel';
import { boxedFunction } from './boxed-expression';
import { evaluateInOrder, evaluationOrder } from './decision-order';
import { visibleFunctions, type KnowledgeFunctions } from './knowledge-scope';
import type { BusinessKnowledgeModel, DecisionRequirementsModel, DecisionServiceModel } from './model';

export function knowledgeFunctions(drg: DecisionRequirementsModel): KnowledgeFunctions {
  const functions = new Map<string, { readonly name: string; readonly fn: FeelFunction }>();
  const scopeOf = (bkm: BusinessKnowledgeModel) => (): Readonly<Record<string, unknown>> =>
    visibleFunctions(functions, bkm.requiredKnowledgeIds);
  for (const bkm of drg.businessKnowledgeModels ?? [])
    functions.set(bkm.bkmId, {
      name: bkm.name,
      fn: boxedFunction(`business knowledge model '${bkm.bkmId}'`, bkm.parameters, bkm.body, scopeOf(bkm)),
    });
  for (const service of drg.decisionServices ?? [])
    functions.set(service.serviceId, { name: service.name, fn: serviceFunction(drg, service, functions) });
  return functions;
}

function serviceFunction(
  drg: DecisionRequirementsModel,
  service: DecisionServiceModel,
  functions: KnowledgeFunctions,
): FeelFunction {
  const byId = new Map(drg.decisions.map((decision) => [decision.decisionId, decision]));
  const outputs = service.outputDecisionIds.flatMap((id) => byId.get(id) ?? []);
  return new FeelFunction(
    (...args: unknown[]) => {
      const context: Record<string, unknown> = {};
      for (const input of drg.inputData) context[input.name] = null;
      service.parameters.forEach((name, index) => {
        context[name] = args[index] ?? null;
      });
      const order = evaluationOrder(outputs, byId, new Set(service.inputDecisionIds));
      const evaluation = evaluateInOrder(order, context, functions);
      if (!evaluation.ok)
        throw new FeelFunctionFailed(`decision service '${service.serviceId}': ${evaluation.failureMessage}`);
      const [single] = outputs;
      if (outputs.length === 1 && single) return context[single.resultName];
      return Object.fromEntries(outputs.map((output) => [output.resultName, context[output.resultName]]));
    },
    [...service.parameters],
  );
}
