// POST /v2/resources/{resourceKey}/deletion: deletes a process definition version (refused while
// instances of it run), a decision requirements graph version or a form version, as Zeebe 8.8 does
// (facades/resources.ts).
import { deleteResourceRequestSchema, deleteResourceResponseSchema } from '@baton/contracts';
import type { EngineService } from '../../engine-service';
import { defineRoute, type RouteDefinition } from '../route-table';
import { pathKey } from '../validation';

export function resourceRoutes(engine: EngineService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v2/resources/:resourceKey/deletion',
      access: 'operator',
      tag: 'Resource',
      summary:
        'Deletes a process definition version: no create starts it and no lookup finds it; when it was the latest, the previous version is the latest again (its timer and message start events armed) or, without one, the start events are withdrawn. 409 while instances of it run (as Zeebe 8.8 rejects it). A decision requirements graph key deletes that graph version and its decisions (the previous versions are the latest again). A form key deletes that form version: the previous version is the latest again (start forms and user tasks created from now on link it), user tasks created before keep theirs. Version numbers are never reused. 404 for any other key (a decision is deleted through its graph, as in Zeebe).',
      body: deleteResourceRequestSchema,
      response: { status: 200, schema: deleteResourceResponseSchema },
      problems: [400, 404, 409],
      handle: async ({ req, res }) => {
        const resourceKey = pathKey(req.params, 'resourceKey');
        await engine.deleteResource(resourceKey);
        res.json({ resourceKey });
      },
    }),
  ];
}
