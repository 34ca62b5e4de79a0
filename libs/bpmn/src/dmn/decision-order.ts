// Evaluates decisions in requirement order: the decisions a target requires first (depth first,
// each once), each result then readable by its name, as DMN's information requirements say. Used
// for a requested decision and for a decision service's output decisions, whose input decisions
// are given as arguments instead of evaluated.
import { feelValueToJson } from '../feel';
import { evaluateBoxedValue } from './boxed-expression';
import { evaluateDecisionTable } from './decision-table';
import type { DecisionEvaluation, DecisionType, EvaluatedDecision, LogicOutcome } from './evaluation';
import { visibleFunctions, type KnowledgeFunctions } from './knowledge-scope';
import type { DecisionLogic, DecisionModel } from './model';

/**
 * Evaluates `order` in `context`, each decision seeing the functions it requires; each result is
 * added to `context` under the decision's result name. `output` is the last decision's.
 */
export function evaluateInOrder(
  order: readonly DecisionModel[],
  context: Record<string, unknown>,
  functions: KnowledgeFunctions,
): DecisionEvaluation {
  const evaluatedDecisions: EvaluatedDecision[] = [];
  for (const decision of order) {
    const required = decision.requiredKnowledgeIds ?? [];
    const scope = required.length > 0 ? { ...context, ...visibleFunctions(functions, required) } : context;
    const { outcome, value } = evaluateLogic(decision, scope);
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
    context[decision.resultName] = value;
  }
  return { ok: true, output: evaluatedDecisions.at(-1)?.output ?? null, evaluatedDecisions };
}

/**
 * The outcome as reported (JSON), and the value the decisions requiring this one read: the FEEL
 * value itself, so that a date or a function (a context of them) stays one for them.
 */
function evaluateLogic(
  decision: DecisionModel,
  context: Readonly<Record<string, unknown>>,
): { outcome: LogicOutcome; value: unknown } {
  if (decision.logic.kind === 'decisionTable') {
    const outcome = evaluateDecisionTable(decision.logic, context);
    return { outcome, value: outcome.ok ? outcome.output : null };
  }
  const value = evaluateBoxedValue(decision.logic, context);
  if (!value.ok) return { outcome: value, value: null };
  return {
    outcome: { ok: true, output: feelValueToJson(value.value), evaluatedInputs: [], matchedRules: [] },
    value: value.value,
  };
}

/** The type Camunda 8.8 reports for a decision's logic. */
export function decisionTypeOf(logic: DecisionLogic): DecisionType {
  if (logic.kind === 'decisionTable') return 'DECISION_TABLE';
  return logic.kind === 'literalExpression' ? 'LITERAL_EXPRESSION' : 'UNKNOWN';
}

/**
 * The targets' required decisions (transitively, each once) before the targets themselves, leaving
 * out those `given` (their values are known); read-dmn.ts refused cycles.
 */
export function evaluationOrder(
  targets: readonly DecisionModel[],
  byId: ReadonlyMap<string, DecisionModel>,
  given: ReadonlySet<string> = new Set(),
): DecisionModel[] {
  const order: DecisionModel[] = [];
  const visited = new Set<string>(given);
  const visit = (current: DecisionModel): void => {
    if (visited.has(current.decisionId)) return;
    visited.add(current.decisionId);
    for (const id of current.requiredDecisionIds) {
      const required = byId.get(id);
      if (required) visit(required);
    }
    order.push(current);
  };
  for (const target of targets) visit(target);
  return order;
}
