// The business rule task: with a called decision (`zeebe:calledDecision`, `camunda:decisionRef`)
// entering it asks the runtime to evaluate the decision (DECISION_EVALUATION_REQUESTED, under a key
// made here) and the task waits for DECISION_EVALUATED, which carries the result — the core reads
// no deployed decision itself, and a replay sets the value the log recorded. The result completes
// the task into its result variable (then the output mappings); a failure raises a
// DECISION_EVALUATION_ERROR incident, whose resolution evaluates again. Without a called decision
// the task publishes a job like a service task.
import type { DecisionTaskNode, JobTaskNode } from '@baton/bpmn';
import type { CommandOf } from '@baton/contracts';
import { raiseIncident } from '../errors/incidents';
import { CommandRejectedError, type Draft } from '../instance/draft';
import type { ElementInstance } from '../instance/state';
import { collectVisibleVariables } from '../variables/scope-chain';
import { extractString } from '../variables/value-sources';
import { WAIT, waitOnIncident, type ElementBehaviour } from './element-behaviour';
import { jobWorkerTask } from './job-worker-task';
import { elementOfKind } from './model-lookup';

const isDecisionTask = (node: JobTaskNode | DecisionTaskNode): node is DecisionTaskNode =>
  'calledDecision' in node;

// A terminated task needs no hook: a result arriving after it ended finds no ACTIVE instance.
export const businessRuleTask: ElementBehaviour<JobTaskNode | DecisionTaskNode> = {
  activate(draft, node, instance) {
    if (!isDecisionTask(node)) return jobWorkerTask.activate(draft, node, instance);
    return requestEvaluation(draft, node, instance);
  },
  // A decision is evaluated by the engine, as Zeebe does it synchronously: not a wait for a worker.
  waitsForCommand: (node) => !isDecisionTask(node),
};

function requestEvaluation(
  draft: Draft,
  node: DecisionTaskNode,
  instance: ElementInstance,
): ReturnType<ElementBehaviour['activate']> {
  const decision = node.calledDecision;
  const visible = collectVisibleVariables(draft, instance.key);
  const decisionId = extractString(decision.decisionId, visible);
  if (!decisionId.ok) return waitOnIncident(draft, instance.key, 'EXTRACT_VALUE_ERROR', decisionId.message);
  const decisionEvaluationKey = draft.key();
  draft.updateElementInstance(instance.key, { decisionEvaluationKey });
  draft.emit({
    type: 'DECISION_EVALUATION_REQUESTED',
    decisionEvaluationKey,
    processInstanceKey: draft.rootKey,
    processDefinitionKey: draft.ctx.definition.processDefinitionKey,
    elementInstanceKey: instance.key,
    elementId: instance.elementId,
    decisionId: decisionId.value,
    bindingType: decision.bindingType,
    ...(decision.versionTag !== undefined ? { versionTag: decision.versionTag } : {}),
    ...(decision.mapDecisionResult !== undefined ? { mapDecisionResult: decision.mapDecisionResult } : {}),
    variables: visible,
  });
  return WAIT;
}

/** The runtime evaluated the decision: the task completes with its result, or waits on an incident. */
export function completeDecisionEvaluation(draft: Draft, command: CommandOf<'DECISION_EVALUATED'>): void {
  const instance = draft.elementInstance(command.elementInstanceKey);
  if (
    !instance ||
    instance.state !== 'ACTIVE' ||
    instance.decisionEvaluationKey !== command.decisionEvaluationKey
  )
    throw new CommandRejectedError(
      'NOT_FOUND',
      `Expected business rule task instance ${command.elementInstanceKey} to wait for decision evaluation ${command.decisionEvaluationKey}, but it does not.`,
    );
  draft.updateElementInstance(instance.key, { decisionEvaluationKey: undefined });
  const node = elementOfKind(draft.ctx.definition.model, instance.elementId, 'businessRuleTask');
  if (command.failureMessage !== undefined || !node || !isDecisionTask(node)) {
    raiseIncident(draft, instance.key, {
      errorType: 'DECISION_EVALUATION_ERROR',
      errorMessage: command.failureMessage ?? `element '${instance.elementId}' calls no decision`,
      pendingStep: 'ACTIVATE',
    });
    return;
  }
  const { resultVariable } = node.calledDecision;
  draft.enqueue({
    kind: 'complete',
    elementInstanceKey: instance.key,
    ...(resultVariable === undefined ? {} : { result: { [resultVariable]: command.result ?? null } }),
  });
}
