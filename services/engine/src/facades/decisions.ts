// Decision evaluation over the API: finds the deployed decision (latest version by id, or by key),
// evaluates it in its requirements graph with the caller's variables, and answers with the stored
// version of every decision evaluated. Evaluation is pure (libs/bpmn/src/dmn); this only looks up.
import { BatonError, type Variables } from '@baton/contracts';
import { evaluateDecision } from '@baton/bpmn/dmn';
import type { DecisionStore, StoredDecision } from '@baton/store';
import type { DecisionEvaluationResult, EvaluateDecisionRequest } from '../engine-service';

export interface DecisionsFacadeOptions {
  readonly decisions: DecisionStore;
  readonly nextKey: () => string;
}

export class DecisionsFacade {
  constructor(private readonly options: DecisionsFacadeOptions) {}

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
    return {
      decision,
      evaluation,
      decisionsById: new Map(siblings.map((sibling) => [sibling.decisionDefinitionId, sibling])),
      decisionEvaluationKey: this.options.nextKey(),
    };
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
