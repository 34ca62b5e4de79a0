// The trees of an instance: Camunda 7's activity-instance tree and the FLOWX token (execution)
// tree, both read from the stored instance.
import { activityInstanceSchema, BatonError, executionTreeSchema, type InheritFrom } from '@baton/contracts';
import { activityInstanceTree, executionTree } from '@baton/engine-core';
import type { EngineService, ProcessDefinitionRecord, StoredInstance } from '../../engine-service';
import type { Principal } from '@baton/platform';
import { principalOf } from '../auth-guard';
import { assertMayRead } from '../definition-visibility';
import { defineRoute, type RouteDefinition } from '../route-table';
import { pathKey } from '../validation';
import { processInstanceNotFoundUnquoted } from '../../errors';

/** The instance and its definition; NOT_FOUND when there is no such instance, FORBIDDEN when the caller may not read it. */
async function readableInstance(
  engine: EngineService,
  principal: Principal,
  processInstanceKey: string,
): Promise<{ instance: StoredInstance; definition: ProcessDefinitionRecord }> {
  const instance = await engine.getInstance(processInstanceKey);
  if (instance === undefined) throw processInstanceNotFoundUnquoted(processInstanceKey);
  const definition = await engine.getDefinition(instance.processDefinitionKey);
  assertMayRead(principal, definition);
  if (definition === undefined)
    throw new BatonError(
      'NOT_FOUND',
      `Process definition with key ${instance.processDefinitionKey} of instance ${processInstanceKey} not found.`,
    );
  return { instance, definition };
}

/** A create with `inheritFrom` reads the source instance's variables: the caller must be allowed to read it. */
export async function assertMayReadInstance(
  engine: EngineService,
  principal: Principal,
  inheritFrom: InheritFrom,
): Promise<void> {
  const instance = await engine.getInstance(inheritFrom.processInstanceKey);
  // A missing source is the engine's NOT_FOUND, with its own sentence.
  if (instance === undefined) return;
  assertMayRead(principal, await engine.getDefinition(instance.processDefinitionKey));
}

export function instanceTreeRoutes(engine: EngineService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/v2/process-instances/:processInstanceKey/activity-instances',
      access: 'authenticated',
      tag: 'Process instance',
      summary:
        "Camunda 7's activity-instance tree: the instance at the root (activityType processDefinition), its active activity instances nested by scope (subprocesses, multi-instance bodies).",
      response: { status: 200, schema: activityInstanceSchema },
      problems: [400, 404],
      handle: async ({ req, res }) => {
        const key = pathKey(req.params, 'processInstanceKey');
        const { instance, definition } = await readableInstance(engine, principalOf(res), key);
        res.json(activityInstanceTree(instance, definition.model));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v2/process-instances/:processInstanceKey/executions',
      access: 'authenticated',
      tag: 'Process instance',
      summary:
        'The execution tree: the FLOWX tokens of the instance with their parent/child links and states (a split parent ON_HOLD above its branches).',
      response: { status: 200, schema: executionTreeSchema },
      problems: [400, 404],
      handle: async ({ req, res }) => {
        const key = pathKey(req.params, 'processInstanceKey');
        const { instance } = await readableInstance(engine, principalOf(res), key);
        res.json(executionTree(instance));
      },
    }),
  ];
}
