// Decision evaluation over the API: finds the deployed decision (latest version by id, or by key),
// evaluates it in its requirements graph with the caller's variables, and answers with the stored
// version of every decision evaluated, kept as decision instances. Evaluation is pure
// (libs/bpmn/src/dmn); this looks up and records.
import { BatonError, type Variables } from '@baton/contracts';
import { evaluateDecision } from '@baton/bpmn/dmn';
import type { DecisionStore, StoredDecision } from '@baton/store';
import type { DecisionEvaluationResult, DecisionReads, EvaluateDecisionRequest } from '../engine-service';
import { decisionInstanceRecords } from '../runtime/decision-instance-records';

export interface DecisionsFacadeOptions {
  readonly decisions: DecisionStore;
  readonly nextKey: () => string;
  /** @default Date.now */
  readonly clock?: () => number;
}

export class DecisionsFacade {
  constructor(private readonly options: DecisionsFacadeOptions) {}

  get reads(): DecisionReads {
    return this.options.decisions;
  }

  async evaluate(request: EvaluateDecisionRequest): Promise<DecisionEvaluationResult> {
    const decision = await this.find(request);
    const store = this.options.decisions;
    const requirements = await store.getRequirementsByKey(decision.decisionRequirementsKey);
    if (!requirements)
      throw new BatonError(
        'NOT_FOUND',
        `Decision requirements '${decision.decisionRequirementsKey}' of decision '${decision.decisionDefinitionId}' not found.`,
      );
    const variables: Variables = request.variables ?? {};
    const evaluation = evaluateDecision(requirements.model, decision.decisionDefinitionId, variables);
    const siblings = await store.decisionsOf(requirements.decisionRequirementsKey);
    const result = {
      decision,
      evaluation,
      decisionsById: new Map(siblings.map((sibling) => [sibling.decisionDefinitionId, sibling])),
      decisionEvaluationKey: this.options.nextKey(),
    };
    // Kept for the decision instance queries, as an evaluation by a business rule task is.
    await store.saveDecisionInstances(
      decisionInstanceRecords({
        ...result,
        model: requirements.model,
        evaluationDate: new Date((this.options.clock ?? Date.now)()).toISOString(),
      }),
    );
    return result;
  }

  private async find(request: EvaluateDecisionRequest): Promise<StoredDecision> {
    const { decisionDefinitionId, decisionDefinitionKey } = request;
    const decision =
      decisionDefinitionKey !== undefined
        ? await this.options.decisions.getDecisionByKey(decisionDefinitionKey)
        : await this.options.decisions.getLatestDecision(decisionDefinitionId ?? '');
    if (decision) return decision;
    const named =
      decisionDefinitionKey !== undefined
        ? `key '${decisionDefinitionKey}'`
        : `id '${decisionDefinitionId ?? ''}'`;
    throw new BatonError('NOT_FOUND', `Decision definition with ${named} not found.`);
  }
}
