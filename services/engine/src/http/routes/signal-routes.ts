// Signals: a broadcast to every waiting signal catch and signal start event, in Camunda 8.8 shapes.
import { broadcastSignalRequestSchema, broadcastSignalResponseSchema } from '@baton/contracts';
import type { EngineService } from '../../engine-service';
import { defineRoute, type RouteDefinition } from '../route-table';

export function signalRoutes(engine: EngineService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v2/signals/broadcast',
      access: 'worker',
      tag: 'Signal',
      summary:
        'Broadcasts a signal: every signal catch event waiting for its name (intermediate, boundary, event subprocess start) is triggered and every signal start event of the latest process versions starts an instance, with the variables. Succeeds when nothing waits.',
      body: broadcastSignalRequestSchema,
      response: { status: 200, schema: broadcastSignalResponseSchema },
      problems: [400],
      handle: async ({ body, res }) => {
        const result = await engine.broadcastSignal({
          signalName: body.signalName,
          ...(body.variables ? { variables: body.variables } : {}),
        });
        res.json(result);
      },
    }),
  ];
}
