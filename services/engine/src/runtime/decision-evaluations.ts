// Business rule tasks' decisions, evaluated by the runtime for the pure core: each
// DECISION_EVALUATION_REQUESTED of a batch is answered with a DECISION_EVALUATED command in the
// batch's transaction, carrying the result (or why there is none). The decision version is chosen
// here, once: the latest deployed (bindingType latest), the one deployed with the process
// (deployment) or the newest with the task's version tag (versionTag); the command on the log
// records the outcome, so a replay applies the same result and never evaluates again. Each evaluation is kept as decision instances for the queries.
import type { EngineCommand } from '@baton/contracts';
import { evaluateDecision, mapDecisionResult, type DecisionEvaluation } from '@baton/bpmn/dmn';
import type { Effect } from '@baton/engine-core';
import type { MessageBus } from '@baton/messaging';
import type {
  DecisionStore,
  DefinitionStore,
  StoredDecision,
  StoredDecisionRequirements,
} from '@baton/store';
import type { TopicAddress } from '@baton/topics';
import { appendCommands } from './command-messages';
import { decisionInstanceRecords } from './decision-instance-records';

type EvaluationRequest = Extract<Effect, { type: 'DECISION_EVALUATION_REQUESTED' }>;

export interface DecisionEvaluationsOptions {
  readonly bus: MessageBus;
  readonly decisions: DecisionStore;
  /** The calling process's definition (its deployment, for bindingType deployment). */
  readonly definitions: Pick<DefinitionStore, 'getByKey'>;
  /** The engine commands topic, environment prefix included. */
  readonly commandsTopic: TopicAddress<EngineCommand>;
  /** @default Date.now */
  readonly clock?: () => number;
}

export class DecisionEvaluations {
  constructor(private readonly options: DecisionEvaluationsOptions) {}

  /** Evaluates the batch's requested decisions and appends their answers through `producer`. */
  async dispatch(
    effects: readonly Effect[],
    producer: Pick<MessageBus, 'produce'> = this.options.bus,
  ): Promise<void> {
    const commands: EngineCommand[] = [];
    for (const effect of effects)
      if (effect.type === 'DECISION_EVALUATION_REQUESTED') commands.push(await this.evaluate(effect));
    await appendCommands(producer, this.options.commandsTopic, commands);
  }

  private async evaluate(request: EvaluationRequest): Promise<EngineCommand> {
    const answer = {
      type: 'DECISION_EVALUATED' as const,
      commandId: `decision:${request.decisionEvaluationKey}`,
      processInstanceKey: request.processInstanceKey,
      elementInstanceKey: request.elementInstanceKey,
      decisionEvaluationKey: request.decisionEvaluationKey,
    };
    const expected = `Expected to evaluate decision '${request.decisionId}'`;
    const decision = await this.find(request);
    if (!decision)
      return {
        ...answer,
        failureMessage: `${expected}, but ${notFoundReason(request)}`,
      };
    const requirements = await this.options.decisions.getRequirementsByKey(decision.decisionRequirementsKey);
    if (!requirements)
      return {
        ...answer,
        failureMessage: `${expected}, but its decision requirements '${decision.decisionRequirementsId}' were not found`,
      };
    const evaluation = evaluateDecision(requirements.model, decision.decisionDefinitionId, request.variables);
    await this.record(request, decision, requirements, evaluation);
    const decided = { ...answer, decisionDefinitionKey: decision.decisionDefinitionKey };
    if (!evaluation.ok)
      return { ...decided, failureMessage: `${expected}, but ${evaluation.failureMessage}` };
    const result = this.shape(request, requirements, evaluation.output);
    return result.ok
      ? { ...decided, result: result.value }
      : { ...decided, failureMessage: `${expected}, but ${result.message}` };
  }

  private async find(request: EvaluationRequest): Promise<StoredDecision | undefined> {
    const { decisions, definitions } = this.options;
    if (request.bindingType === 'latest') return decisions.getLatestDecision(request.decisionId);
    if (request.bindingType === 'versionTag')
      return decisions.getDecisionByVersionTag(request.decisionId, request.versionTag ?? '');
    const process = await definitions.getByKey(request.processDefinitionKey);
    return process ? decisions.getDecisionOfDeployment(request.decisionId, process.deploymentKey) : undefined;
  }

  /** Zeebe's result is the decision's output; Camunda 7 models map the rule results first. */
  private shape(
    request: EvaluationRequest,
    requirements: StoredDecisionRequirements,
    output: unknown,
  ): { ok: true; value: unknown } | { ok: false; message: string } {
    if (request.mapDecisionResult === undefined) return { ok: true, value: output };
    const model = requirements.model.decisions.find((d) => d.decisionId === request.decisionId);
    if (!model) return { ok: true, value: output };
    return mapDecisionResult(model, output, request.mapDecisionResult);
  }

  private async record(
    request: EvaluationRequest,
    decision: StoredDecision,
    requirements: StoredDecisionRequirements,
    evaluation: DecisionEvaluation,
  ): Promise<void> {
    const siblings = await this.options.decisions.decisionsOf(requirements.decisionRequirementsKey);
    await this.options.decisions.saveDecisionInstances(
      decisionInstanceRecords({
        decision,
        evaluation,
        decisionsById: new Map(siblings.map((sibling) => [sibling.decisionDefinitionId, sibling])),
        model: requirements.model,
        decisionEvaluationKey: request.decisionEvaluationKey,
        evaluationDate: new Date((this.options.clock ?? Date.now)()).toISOString(),
        origin: {
          processDefinitionKey: request.processDefinitionKey,
          processInstanceKey: request.processInstanceKey,
          elementInstanceKey: request.elementInstanceKey,
        },
      }),
    );
  }
}

function notFoundReason(request: EvaluationRequest): string {
  switch (request.bindingType) {
    case 'deployment':
      return `no decision with id '${request.decisionId}' was deployed with the process`;
    case 'versionTag':
      return `no decision with id '${request.decisionId}' and version tag '${request.versionTag ?? ''}' was found`;
    case 'latest':
      return `no decision found for id '${request.decisionId}'`;
  }
}
