// Evaluates a decision of a requirements graph: the decisions it requires first (decision-order.ts).
// Declared input data the caller did not give are null: the model names them as its inputs. A
// decision also sees the business knowledge models and decision services it requires, as FEEL
// functions by their names (knowledge-functions.ts).
import { evaluateInOrder, evaluationOrder } from './decision-order';
import type { DecisionEvaluation } from './evaluation';
import { knowledgeFunctions } from './knowledge-functions';
import type { DecisionRequirementsModel } from './model';

export { decisionTypeOf } from './decision-order';

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
  return evaluateInOrder(evaluationOrder([requested], byId), context, knowledgeFunctions(drg));
}
