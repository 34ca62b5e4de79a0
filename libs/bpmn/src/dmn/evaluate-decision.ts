// Evaluates a decision of a requirements graph: the decisions it requires first (depth first,
// each once), each result then readable by its name, as DMN's information requirements say.
// Declared input data the caller did not give are null: the model names them as its inputs. A
// decision also sees the business knowledge models it requires, as FEEL functions by their names.
import { feelValueToJson } from '../feel';
import { evaluateBoxedValue } from './boxed-expression';
import { evaluateDecisionTable } from './decision-table';
import type { DecisionEvaluation, DecisionType, EvaluatedDecision, LogicOutcome } from './evaluation';
import { knowledgeFunctions, visibleFunctions } from './knowledge-functions';
import type { DecisionLogic, DecisionModel, DecisionRequirementsModel } from './model';

export function evaluateDecision(
  drg: DecisionRequirementsModel,
  decisionId: string,
  variables: Readonly<Record<string, unknown>>,
): DecisionEvaluation {
  const byId = new Map(drg.decisions.map((decision) => [decision.decisionId, decision]));
  const requested = byId.get(decisionId);
  if (!requested)
    return {
      ok: false,
      failedDecisionId: decisionId,
      failureMessage: `no decision '${decisionId}' in '${drg.decisionRequirementsId}'`,
      evaluatedDecisions: [],
    };
  const context: Record<string, unknown> = {};
  for (const input of drg.inputData) context[input.name] = null;
  Object.assign(context, variables);

  const functions = knowledgeFunctions(drg);
  const evaluatedDecisions: EvaluatedDecision[] = [];
  for (const decision of evaluationOrder(requested, byId)) {
    const required = decision.requiredKnowledgeIds ?? [];
    const scope = required.length > 0 ? { ...context, ...visibleFunctions(functions, required) } : context;
    const outcome = evaluateLogic(decision, scope);
    if (!outcome.ok)
      return {
        ok: false,
        failedDecisionId: decision.decisionId,
        failureMessage: `failed to evaluate decision '${decision.decisionId}': ${outcome.message}`,
        evaluatedDecisions,
      };
    evaluatedDecisions.push({
      decisionId: decision.decisionId,
      decisionName: decision.name,
      decisionType: decisionTypeOf(decision.logic),
      output: outcome.output,
      evaluatedInputs: outcome.evaluatedInputs,
      matchedRules: outcome.matchedRules,
    });
    context[decision.resultName] = outcome.output;
  }
  return { ok: true, output: evaluatedDecisions.at(-1)?.output ?? null, evaluatedDecisions };
}

function evaluateLogic(decision: DecisionModel, context: Readonly<Record<string, unknown>>): LogicOutcome {
  if (decision.logic.kind === 'decisionTable') return evaluateDecisionTable(decision.logic, context);
  const value = evaluateBoxedValue(decision.logic, context);
  return value.ok
    ? { ok: true, output: feelValueToJson(value.value), evaluatedInputs: [], matchedRules: [] }
    : value;
}

/** The type Camunda 8.8 reports for a decision's logic. */
export function decisionTypeOf(logic: DecisionLogic): DecisionType {
  if (logic.kind === 'decisionTable') return 'DECISION_TABLE';
  return logic.kind === 'literalExpression' ? 'LITERAL_EXPRESSION' : 'UNKNOWN';
}

/** The required decisions (transitively, each once) before the decision itself; read-dmn.ts refused cycles. */
function evaluationOrder(decision: DecisionModel, byId: ReadonlyMap<string, DecisionModel>): DecisionModel[] {
  const order: DecisionModel[] = [];
  const visited = new Set<string>();
  const visit = (current: DecisionModel): void => {
    if (visited.has(current.decisionId)) return;
    visited.add(current.decisionId);
    for (const id of current.requiredDecisionIds) {
      const required = byId.get(id);
      if (required) visit(required);
    }
    order.push(current);
  };
  visit(decision);
  return order;
}
