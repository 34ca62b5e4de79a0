// Decisions in the Camunda 8.8 REST shapes: the deployment entries of a DMN resource (its
// decisions, then its requirements graph, as Zeebe lists them), the answer of an evaluation, where
// outputs and input values are JSON strings, and the decision definitions, requirements and
// instances the queries answer.
import {
  DEFAULT_TENANT_ID,
  type DecisionDefinitionResponse,
  type DecisionRequirementsResponse,
  type DeploymentResponse,
  type DecisionInstanceDetailResponse,
  type DecisionInstanceResponse,
  type EvaluateDecisionResponse,
} from '@baton/contracts';
import type { EvaluatedDecision } from '@baton/bpmn/dmn';
import type { StoredDecision, StoredDecisionInstance, StoredDecisionRequirements } from '@baton/store';
import type { DecisionEvaluationResult, DeployResult } from '../engine-service';

type DeploymentEntry = DeploymentResponse['deployments'][number];
type EvaluatedDecisionShape = EvaluateDecisionResponse['evaluatedDecisions'][number];

const tenantOf = (tenantId: string): string => tenantId || DEFAULT_TENANT_ID;

export function deployedDecisionEntries(result: DeployResult): DeploymentEntry[] {
  return [
    ...result.decisions.map((decision) => ({
      decisionDefinition: {
        decisionDefinitionId: decision.decisionDefinitionId,
        version: decision.version,
        decisionDefinitionKey: decision.decisionDefinitionKey,
        name: decision.name,
        decisionRequirementsId: decision.decisionRequirementsId,
        decisionRequirementsKey: decision.decisionRequirementsKey,
        tenantId: tenantOf(decision.tenantId),
      },
    })),
    ...result.decisionRequirements.map((requirements) => ({
      decisionRequirements: {
        decisionRequirementsId: requirements.decisionRequirementsId,
        decisionRequirementsName: requirements.decisionRequirementsName,
        version: requirements.version,
        decisionRequirementsKey: requirements.decisionRequirementsKey,
        resourceName: requirements.resourceName,
        tenantId: tenantOf(requirements.tenantId),
      },
    })),
  ];
}

export function toEvaluateDecisionResponse(result: DecisionEvaluationResult): EvaluateDecisionResponse {
  const { decision, evaluation, decisionEvaluationKey } = result;
  return {
    decisionDefinitionId: decision.decisionDefinitionId,
    decisionDefinitionName: decision.name,
    decisionDefinitionVersion: decision.version,
    decisionDefinitionKey: decision.decisionDefinitionKey,
    decisionRequirementsId: decision.decisionRequirementsId,
    decisionRequirementsKey: decision.decisionRequirementsKey,
    output: JSON.stringify(evaluation.ok ? evaluation.output : null),
    failedDecisionDefinitionId: evaluation.ok ? '' : evaluation.failedDecisionId,
    failureMessage: evaluation.ok ? '' : evaluation.failureMessage,
    tenantId: tenantOf(decision.tenantId),
    decisionEvaluationKey,
    decisionInstanceKey: decisionEvaluationKey,
    evaluatedDecisions: evaluation.evaluatedDecisions.map((evaluated, index) =>
      toEvaluatedDecision(evaluated, result.decisionsById.get(evaluated.decisionId) ?? decision, {
        // Zeebe numbers the decisions of one evaluation after the evaluation's key
        instanceKey: `${decisionEvaluationKey}-${index + 1}`,
      }),
    ),
  };
}

function toEvaluatedDecision(
  evaluated: EvaluatedDecision,
  stored: StoredDecision,
  { instanceKey }: { instanceKey: string },
): EvaluatedDecisionShape {
  return {
    decisionDefinitionId: evaluated.decisionId,
    decisionDefinitionName: evaluated.decisionName,
    decisionDefinitionVersion: stored.version,
    decisionDefinitionType: evaluated.decisionType,
    decisionDefinitionKey: stored.decisionDefinitionKey,
    decisionEvaluationInstanceKey: instanceKey,
    output: JSON.stringify(evaluated.output),
    tenantId: tenantOf(stored.tenantId),
    matchedRules: evaluated.matchedRules.map((rule) => ({
      ruleId: rule.ruleId,
      ruleIndex: rule.ruleIndex,
      evaluatedOutputs: rule.evaluatedOutputs.map((output) => ({
        outputId: output.outputId,
        outputName: output.outputName,
        outputValue: JSON.stringify(output.outputValue),
      })),
    })),
    evaluatedInputs: evaluated.evaluatedInputs.map((input) => ({
      inputId: input.inputId,
      inputName: input.inputName,
      inputValue: JSON.stringify(input.inputValue),
    })),
  };
}

export function toDecisionDefinition(decision: StoredDecision): DecisionDefinitionResponse {
  return {
    decisionDefinitionId: decision.decisionDefinitionId,
    name: decision.name,
    version: decision.version,
    decisionRequirementsId: decision.decisionRequirementsId,
    tenantId: tenantOf(decision.tenantId),
    decisionDefinitionKey: decision.decisionDefinitionKey,
    decisionRequirementsKey: decision.decisionRequirementsKey,
  };
}

export function toDecisionRequirements(
  requirements: StoredDecisionRequirements,
): DecisionRequirementsResponse {
  return {
    decisionRequirementsName: requirements.decisionRequirementsName,
    version: requirements.version,
    decisionRequirementsId: requirements.decisionRequirementsId,
    resourceName: requirements.resourceName,
    tenantId: tenantOf(requirements.tenantId),
    decisionRequirementsKey: requirements.decisionRequirementsKey,
  };
}

/** A decision instance as searched: without its inputs and rules. */
export function toDecisionInstance(instance: StoredDecisionInstance): DecisionInstanceResponse {
  return {
    decisionEvaluationInstanceKey: instance.decisionEvaluationInstanceKey,
    decisionEvaluationKey: instance.decisionEvaluationKey,
    state: instance.state,
    evaluationDate: instance.evaluationDate,
    evaluationFailure: instance.evaluationFailure ?? null,
    decisionDefinitionId: instance.decisionDefinitionId,
    decisionDefinitionKey: instance.decisionDefinitionKey,
    decisionDefinitionName: instance.decisionDefinitionName,
    decisionDefinitionVersion: instance.decisionDefinitionVersion,
    decisionDefinitionType: instance.decisionDefinitionType,
    rootDecisionDefinitionKey: instance.rootDecisionDefinitionKey,
    result: instance.result,
    tenantId: tenantOf(instance.tenantId),
    processDefinitionKey: instance.processDefinitionKey ?? null,
    processInstanceKey: instance.processInstanceKey ?? null,
    elementInstanceKey: instance.elementInstanceKey ?? null,
  };
}

/** A decision instance as got by key: with its evaluated inputs and matched rules. */
export function toDecisionInstanceDetail(instance: StoredDecisionInstance): DecisionInstanceDetailResponse {
  return {
    ...toDecisionInstance(instance),
    evaluatedInputs: instance.evaluatedInputs.map((input) => ({ ...input })),
    matchedRules: instance.matchedRules.map((rule) => ({
      ...rule,
      evaluatedOutputs: rule.evaluatedOutputs.map((output) => ({ ...output })),
    })),
  };
}
