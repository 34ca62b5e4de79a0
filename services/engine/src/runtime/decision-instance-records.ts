// What one evaluation leaves to be searched (Camunda 8.8 decision instances): a record per decision
// evaluated, keyed `<decisionEvaluationKey>-<n>` in evaluation order (required decisions first, as
// Zeebe numbers them), the failed decision last with its failure. Values are JSON texts.
import {
  decisionTypeOf as decisionTypeOfLogic,
  type DecisionEvaluation,
  type DecisionRequirementsModel,
  type EvaluatedDecision,
} from '@baton/bpmn/dmn';
import type { StoredDecision, StoredDecisionInstance } from '@baton/store';

export interface EvaluationOrigin {
  readonly processDefinitionKey: string;
  readonly processInstanceKey: string;
  readonly elementInstanceKey: string;
}

export interface EvaluationToRecord {
  readonly decision: StoredDecision;
  readonly evaluation: DecisionEvaluation;
  readonly decisionsById: ReadonlyMap<string, StoredDecision>;
  /** The graph evaluated: the failed decision's kind is read from it. */
  readonly model: DecisionRequirementsModel;
  readonly decisionEvaluationKey: string;
  readonly evaluationDate: string;
  /** Set when a business rule task evaluated it. */
  readonly origin?: EvaluationOrigin;
}

/** The key Zeebe gives the n-th (1-based) decision of an evaluation. */
export function decisionInstanceKey(decisionEvaluationKey: string, position: number): string {
  return `${decisionEvaluationKey}-${position}`;
}

export function decisionInstanceRecords(input: EvaluationToRecord): StoredDecisionInstance[] {
  const { evaluation, decisionEvaluationKey } = input;
  const records = evaluation.evaluatedDecisions.map((evaluated, index) =>
    record(input, evaluated, decisionInstanceKey(decisionEvaluationKey, index + 1), undefined),
  );
  if (!evaluation.ok) {
    const failed = input.decisionsById.get(evaluation.failedDecisionId);
    if (failed)
      records.push(
        record(
          input,
          {
            decisionId: failed.decisionDefinitionId,
            decisionName: failed.name,
            decisionType: decisionTypeOf(input, failed.decisionDefinitionId),
            output: null,
            evaluatedInputs: [],
            matchedRules: [],
          },
          decisionInstanceKey(decisionEvaluationKey, records.length + 1),
          evaluation.failureMessage,
        ),
      );
  }
  return records;
}

function record(
  input: EvaluationToRecord,
  evaluated: EvaluatedDecision,
  key: string,
  failure: string | undefined,
): StoredDecisionInstance {
  const stored = input.decisionsById.get(evaluated.decisionId) ?? input.decision;
  return {
    decisionEvaluationInstanceKey: key,
    decisionEvaluationKey: input.decisionEvaluationKey,
    state: failure === undefined ? 'EVALUATED' : 'FAILED',
    evaluationDate: input.evaluationDate,
    ...(failure === undefined ? {} : { evaluationFailure: failure }),
    decisionDefinitionId: evaluated.decisionId,
    decisionDefinitionKey: stored.decisionDefinitionKey,
    decisionDefinitionName: evaluated.decisionName,
    decisionDefinitionVersion: stored.version,
    decisionDefinitionType: evaluated.decisionType,
    rootDecisionDefinitionKey: input.decision.decisionDefinitionKey,
    result: JSON.stringify(evaluated.output ?? null),
    tenantId: stored.tenantId,
    ...(input.origin ?? {}),
    evaluatedInputs: evaluated.evaluatedInputs.map((evaluatedInput) => ({
      inputId: evaluatedInput.inputId,
      inputName: evaluatedInput.inputName,
      inputValue: JSON.stringify(evaluatedInput.inputValue ?? null),
    })),
    matchedRules: evaluated.matchedRules.map((rule) => ({
      ruleId: rule.ruleId,
      ruleIndex: rule.ruleIndex,
      evaluatedOutputs: rule.evaluatedOutputs.map((output) => ({
        outputId: output.outputId,
        outputName: output.outputName,
        outputValue: JSON.stringify(output.outputValue ?? null),
      })),
    })),
  };
}

function decisionTypeOf(input: EvaluationToRecord, decisionId: string): EvaluatedDecision['decisionType'] {
  const logic = input.model.decisions.find((decision) => decision.decisionId === decisionId)?.logic;
  return logic === undefined ? 'UNKNOWN' : decisionTypeOfLogic(logic);
}
