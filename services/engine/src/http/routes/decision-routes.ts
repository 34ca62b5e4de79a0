// Decisions: POST /v2/decision-definitions/evaluation (Camunda 8.8). A decision that fails to
// evaluate is an answer (failedDecisionDefinitionId, failureMessage), not an error; an unknown
// decision is 404.
import { evaluateDecisionRequestSchema, evaluateDecisionResponseSchema } from '@baton/contracts';
import type { EngineService } from '../../engine-service';
import { toEvaluateDecisionResponse } from '../decision-shapes';
import { defineRoute, type RouteDefinition } from '../route-table';

export function decisionRoutes(engine: EngineService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v2/decision-definitions/evaluation',
      access: 'worker',
      tag: 'Decision definition',
      summary:
        'Evaluates a deployed decision (latest version by decisionDefinitionId, or by decisionDefinitionKey) with the given variables, its required decisions first.',
      body: evaluateDecisionRequestSchema,
      response: { status: 200, schema: evaluateDecisionResponseSchema },
      problems: [400, 404],
      handle: async ({ body, res }) => {
        const result = await engine.evaluateDecision({
          decisionDefinitionId: body.decisionDefinitionId,
          decisionDefinitionKey: body.decisionDefinitionKey,
          variables: body.variables ?? undefined,
        });
        res.json(toEvaluateDecisionResponse(result));
      },
    }),
  ];
}
