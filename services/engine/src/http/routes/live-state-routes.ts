// The live state of an instance (revision, active and completed elements, tokens): what the socket
// gateway sends as a subscribe snapshot when it runs apart from the engine and reads it over REST.
import { BatonError, instanceLiveStateSchema, type InstanceLiveState } from '@baton/contracts';
import type { EngineService, StoredInstance } from '../../engine-service';
import { defineRoute, type RouteDefinition } from '../route-table';
import { pathKey } from '../validation';

/** The same summary the engine puts on `baton.instance.events.v1`, at the stored revision. */
function toLiveState(instance: StoredInstance): InstanceLiveState {
  const active = new Set<string>();
  for (const element of Object.values(instance.elementInstances)) {
    if (element.elementType !== 'process' && element.state === 'ACTIVE') active.add(element.elementId);
  }
  return {
    processInstanceKey: instance.processInstanceKey,
    processDefinitionKey: instance.processDefinitionKey,
    processDefinitionId: instance.processDefinitionId,
    revision: instance.revision,
    state: instance.state,
    activeElementIds: [...active],
    completedElementIds: [...(instance.completedElementIds ?? [])],
    tokens: Object.values(instance.tokens).map((token) => ({
      tokenKey: token.tokenKey,
      parentTokenKey: token.parentTokenKey ?? null,
      elementId: token.elementId,
      state: token.state,
    })),
    hasIncident: Object.values(instance.incidents).some((incident) => incident.state === 'ACTIVE'),
  };
}

export function liveStateRoutes(engine: EngineService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/v2/process-instances/:processInstanceKey/live-state',
      tag: 'Process instance',
      summary:
        'Baton: the live state of an instance (revision, active and completed elements, tokens), as the socket pushes it.',
      response: { status: 200, schema: instanceLiveStateSchema },
      problems: [400, 404],
      handle: async ({ req, res }) => {
        const processInstanceKey = pathKey(req.params, 'processInstanceKey');
        const instance = await engine.getInstance(processInstanceKey);
        if (instance === undefined) {
          throw new BatonError('NOT_FOUND', `Process instance with key ${processInstanceKey} not found.`);
        }
        res.json(toLiveState(instance));
      },
    }),
  ];
}
