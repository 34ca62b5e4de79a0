// Messages: publication (correlated to waiting instances, buffered for its timeToLive) and
// correlation (to waiting instances now, 404 when none takes it), in Camunda 8.8 shapes.
import {
  correlateMessageRequestSchema,
  correlateMessageResponseSchema,
  publishMessageRequestSchema,
  publishMessageResponseSchema,
} from '@baton/contracts';
import type { EngineService } from '../../engine-service';
import { defineRoute, type RouteDefinition } from '../route-table';

export function messageRoutes(engine: EngineService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v2/messages/publication',
      access: 'worker',
      tag: 'Message',
      summary:
        'Publishes a message: correlated to one waiting instance per process definition, and buffered for timeToLive ms for instances that subscribe later.',
      body: publishMessageRequestSchema,
      response: { status: 200, schema: publishMessageResponseSchema },
      problems: [400, 409],
      handle: async ({ body, res }) => {
        const result = await engine.publishMessage({
          name: body.name,
          correlationKey: body.correlationKey,
          timeToLiveMs: body.timeToLive,
          messageId: body.messageId,
          variables: body.variables ?? undefined,
        });
        res.json(result);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v2/messages/correlation',
      access: 'worker',
      tag: 'Message',
      summary:
        'Correlates a message to the instances waiting for it now (nothing is buffered) and answers the first instance.',
      body: correlateMessageRequestSchema,
      response: { status: 200, schema: correlateMessageResponseSchema },
      problems: [400, 404],
      handle: async ({ body, res }) => {
        const result = await engine.correlateMessage({
          name: body.name,
          correlationKey: body.correlationKey,
          variables: body.variables ?? undefined,
        });
        res.json(result);
      },
    }),
  ];
}
