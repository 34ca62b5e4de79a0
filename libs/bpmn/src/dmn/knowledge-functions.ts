// The business knowledge models of a graph as FEEL functions, made once per evaluation: a decision
// sees, by name, those it requires (knowledgeRequirement); a model's body sees its parameters and
// the models it requires — not the decision's input data (DMN 1.3 §6.3.8).
import type { FeelFunction } from 'feelin';
import { boxedFunction } from './boxed-expression';
import type { BusinessKnowledgeModel, DecisionRequirementsModel } from './model';

export type KnowledgeFunctions = ReadonlyMap<string, { readonly name: string; readonly fn: FeelFunction }>;

export function knowledgeFunctions(drg: DecisionRequirementsModel): KnowledgeFunctions {
  const functions = new Map<string, { readonly name: string; readonly fn: FeelFunction }>();
  const scopeOf = (bkm: BusinessKnowledgeModel) => (): Readonly<Record<string, unknown>> =>
    visibleFunctions(functions, bkm.requiredKnowledgeIds);
  for (const bkm of drg.businessKnowledgeModels ?? [])
    functions.set(bkm.bkmId, {
      name: bkm.name,
      fn: boxedFunction(`business knowledge model '${bkm.bkmId}'`, bkm.parameters, bkm.body, scopeOf(bkm)),
    });
  return functions;
}

/** The functions of the required models, keyed by the names FEEL calls them by. */
export function visibleFunctions(
  functions: KnowledgeFunctions,
  requiredIds: readonly string[],
): Record<string, unknown> {
  const visible: Record<string, unknown> = {};
  for (const id of requiredIds) {
    const required = functions.get(id);
    if (required) visible[required.name] = required.fn;
  }
  return visible;
}
