// Health and topology: what load balancers and Camunda clients ask before anything else.
import { healthResponseSchema, topologyResponseSchema } from '@baton/contracts';
import type { EngineService } from '../../engine-service';
import { toTopologyResponse } from '../camunda-shapes';
import { defineRoute, type RouteDefinition } from '../route-table';

export function clusterRoutes(engine: EngineService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/health',
      access: 'public',
      tag: 'Cluster',
      summary: 'Liveness: answers while the engine process is up.',
      response: { status: 200, schema: healthResponseSchema },
      handle: ({ res }) => {
        res.json({ status: 'UP' });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v2/topology',
      access: 'authenticated',
      tag: 'Cluster',
      summary: 'The brokers, partitions and gateway version, as Camunda 8 reports them.',
      response: { status: 200, schema: topologyResponseSchema },
      handle: ({ res }) => {
        res.json(toTopologyResponse(engine.topology()));
      },
    }),
  ];
}
