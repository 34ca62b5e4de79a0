// Evaluates a decision of a requirements graph: the decisions it requires first (depth first,
// each once), each result then readable by its name, as DMN's information requirements say.
// Declared input data the caller did not give are null: the model names them as its inputs.
import { evaluateFeel } from '../feel';
import { evaluateDecisionTable } from './decision-table';
import type { DecisionEvaluation, EvaluatedDecision, LogicOutcome } from './evaluation';
import type { DecisionModel, DecisionRequirementsModel } from './model';

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

  const evaluatedDecisions: EvaluatedDecision[] = [];
  for (const decision of evaluationOrder(requested, byId)) {
    const outcome = evaluateLogic(decision, context);
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
      decisionType: decision.logic.kind === 'decisionTable' ? 'DECISION_TABLE' : 'LITERAL_EXPRESSION',
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
  const value = evaluateFeel(decision.logic.expression, context);
  return value.ok ? { ok: true, output: value.value, evaluatedInputs: [], matchedRules: [] } : value;
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
