// Baton's definition listing and XML (Camunda 7 style), shaped like Camunda 8.8's definition
// search. Filtering, sorting and paging happen here: the engine lists definitions whole.
import {
  processDefinitionSchema,
  processDefinitionSearchRequestSchema,
  processDefinitionSearchResponseSchema,
  type ProcessDefinitionResponse,
  type ProcessDefinitionSearchRequest,
} from '@baton/contracts';
import type { EngineService } from '../../engine-service';
import { principalOf } from '../auth-guard';
import { toProcessDefinition } from '../camunda-shapes';
import { assertMayRead, mayStartDefinition } from '../definition-visibility';
import { defineRoute, type RouteDefinition } from '../route-table';
import { pathKey } from '../validation';
import { processDefinitionNotFoundUnquoted } from '../../errors';

function searchDefinitions(
  definitions: readonly ProcessDefinitionResponse[],
  request: ProcessDefinitionSearchRequest,
): { items: ProcessDefinitionResponse[]; page: { totalItems: number } } {
  const filter = request.filter ?? {};
  const latestVersion = new Map<string, number>();
  for (const { processDefinitionId, version } of definitions)
    latestVersion.set(processDefinitionId, Math.max(version, latestVersion.get(processDefinitionId) ?? 0));
  let items = definitions.filter(
    (definition) =>
      (filter.processDefinitionKey === undefined ||
        definition.processDefinitionKey === filter.processDefinitionKey) &&
      (filter.processDefinitionId === undefined ||
        definition.processDefinitionId === filter.processDefinitionId) &&
      (filter.name === undefined || definition.name === filter.name) &&
      (filter.version === undefined || definition.version === filter.version) &&
      (filter.isLatestVersion === undefined ||
        filter.isLatestVersion ===
          (latestVersion.get(definition.processDefinitionId) === definition.version)),
  );
  for (const sort of [...(request.sort ?? [])].reverse()) {
    const direction = sort.order?.toUpperCase() === 'DESC' ? -1 : 1;
    const field = sort.field as keyof ProcessDefinitionResponse;
    // Stable sorts applied last-key-first give a multi-key sort.
    items = [...items].sort((left, right) => direction * compareValues(left[field], right[field]));
  }
  const from = request.page?.from ?? 0;
  const limit = request.page?.limit ?? 100;
  return { items: items.slice(from, from + limit), page: { totalItems: items.length } };
}

function compareValues(left: unknown, right: unknown): number {
  if (left === right) return 0;
  if (left === undefined) return 1;
  if (right === undefined) return -1;
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  return JSON.stringify(left).localeCompare(JSON.stringify(right));
}

export function processDefinitionRoutes(engine: EngineService): RouteDefinition[] {
  const findDefinition = async (processDefinitionKey: string) => {
    const definition = await engine.getDefinition(processDefinitionKey);
    if (definition === undefined) {
      throw processDefinitionNotFoundUnquoted(processDefinitionKey);
    }
    return definition;
  };
  return [
    defineRoute({
      method: 'get',
      path: '/v2/process-definitions',
      access: 'authenticated',
      tag: 'Process definition',
      summary: 'Every version of every deployed process, newest first within a process id.',
      response: { status: 200, schema: processDefinitionSearchResponseSchema },
      handle: async ({ res }) => {
        const principal = principalOf(res);
        const definitions = (await engine.listDefinitions())
          .filter((definition) => mayStartDefinition(principal, definition))
          .map(toProcessDefinition);
        res.json({ items: definitions, page: { totalItems: definitions.length } });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v2/process-definitions/search',
      access: 'authenticated',
      tag: 'Process definition',
      summary: 'Searches process definitions by key, id, name, version or latest version; sorted and paged.',
      body: processDefinitionSearchRequestSchema,
      response: { status: 200, schema: processDefinitionSearchResponseSchema },
      problems: [400],
      handle: async ({ body, res }) => {
        const principal = principalOf(res);
        const definitions = (await engine.listDefinitions())
          .filter((definition) => mayStartDefinition(principal, definition))
          .map(toProcessDefinition);
        res.json(searchDefinitions(definitions, body));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v2/process-definitions/:processDefinitionKey',
      access: 'authenticated',
      tag: 'Process definition',
      summary: 'One process definition.',
      response: { status: 200, schema: processDefinitionSchema },
      problems: [400, 404],
      handle: async ({ req, res }) => {
        const definition = await findDefinition(pathKey(req.params, 'processDefinitionKey'));
        assertMayRead(principalOf(res), definition);
        res.json(toProcessDefinition(definition));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v2/process-definitions/:processDefinitionKey/xml',
      access: 'authenticated',
      tag: 'Process definition',
      summary: 'The BPMN XML the process definition was deployed from.',
      response: { status: 200, contentType: 'application/xml' },
      problems: [400, 404],
      handle: async ({ req, res }) => {
        const definition = await findDefinition(pathKey(req.params, 'processDefinitionKey'));
        assertMayRead(principalOf(res), definition);
        res.type('application/xml').send(definition.bpmnXml);
      },
    }),
  ];
}
