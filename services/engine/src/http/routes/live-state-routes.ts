// The live state of an instance (revision, active and completed elements, tokens): what the socket
// gateway sends as a subscribe snapshot when it runs apart from the engine and reads it over REST.
import { instanceLiveStateSchema } from '@baton/contracts';
import type { EngineService } from '../../engine-service';
import { liveStateOfStoredInstance } from '../../live-state';
import { principalOf } from '../auth-guard';
import { assertMayRead } from '../definition-visibility';
import { defineRoute, type RouteDefinition } from '../route-table';
import { pathKey } from '../validation';
import { processInstanceNotFoundUnquoted } from '../../errors';

export function liveStateRoutes(engine: EngineService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/v2/process-instances/:processInstanceKey/live-state',
      access: 'authenticated',
      tag: 'Process instance',
      summary:
        'Baton: the live state of an instance (revision, active and completed elements, tokens), as the socket pushes it.',
      response: { status: 200, schema: instanceLiveStateSchema },
      problems: [400, 404],
      handle: async ({ req, res }) => {
        const processInstanceKey = pathKey(req.params, 'processInstanceKey');
        const instance = await engine.getInstance(processInstanceKey);
        if (instance === undefined) {
          throw processInstanceNotFoundUnquoted(processInstanceKey);
        }
        assertMayRead(principalOf(res), await engine.getDefinition(instance.processDefinitionKey));
        res.json(liveStateOfStoredInstance(instance));
      },
    }),
  ];
}
