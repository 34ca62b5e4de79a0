// Variables as Camunda 8.8 resources: search (values past 8,191 characters cut), get by key
// (whole), and the variables a user task sees. Read from the stored instances (variable-view.ts).
import {
  BatonError,
  userTaskVariableSearchRequestSchema,
  variableSchema,
  variableSearchRequestSchema,
  variableSearchResponseSchema,
  type VariableResponse,
  type VariableSearchRequest,
} from '@baton/contracts';
import { sortAndPage, type PageRequest, type SortRequest } from '@baton/store';
import type { EngineService } from '../../engine-service';
import { principalOf } from '../auth-guard';
import { instancesInScope } from '../instance-scan';
import { matchesStringFilter, pinnedValue } from '../string-filter';
import { defineRoute, type RouteDefinition } from '../route-table';
import { pathKey } from '../validation';
import { truncatedForSearch, variablesOf, visibleVariablesOf } from '../variable-view';
import { userTaskNotFoundUnquoted } from '../../errors';

type Filter = NonNullable<VariableSearchRequest['filter']>;
type RequestSort = NonNullable<VariableSearchRequest['sort']>;

const sortFields = new Set(['value', 'name', 'tenantId', 'variableKey', 'scopeKey', 'processInstanceKey']);

function matches(item: VariableResponse, filter: Filter): boolean {
  return (
    matchesStringFilter(filter.variableKey, item.variableKey) &&
    matchesStringFilter(filter.name, item.name) &&
    matchesStringFilter(filter.value, item.value) &&
    matchesStringFilter(filter.scopeKey, item.scopeKey) &&
    matchesStringFilter(filter.processInstanceKey, item.processInstanceKey) &&
    (filter.isTruncated === undefined || filter.isTruncated === truncatedForSearch(item).isTruncated)
  );
}

/** Sorts and pages the items, then cuts long values (the filter and the sort saw them whole). */
function searchAnswer(
  items: readonly VariableResponse[],
  sort: RequestSort | undefined,
  page: PageRequest | undefined,
) {
  const known: SortRequest[] = (sort ?? [])
    .filter((entry) => sortFields.has(entry.field))
    .map((entry) => ({ field: entry.field, order: entry.order?.toUpperCase() as 'ASC' | 'DESC' }));
  const result = sortAndPage(items, known, page, (item, field) => item[field as keyof VariableResponse]);
  return { items: result.items.map(truncatedForSearch), page: { totalItems: result.totalItems } };
}

export function variableRoutes(engine: EngineService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v2/variables/search',
      access: 'authenticated',
      tag: 'Variable',
      summary:
        'Searches the variables of every scope of the instances (value as JSON text, cut past 8,191 characters with isTruncated). Without processInstanceKey, scopeKey or variableKey at most 1,000 instances are read (400 past that).',
      body: variableSearchRequestSchema,
      response: { status: 200, schema: variableSearchResponseSchema },
      problems: [400],
      handle: async ({ body, res }) => {
        const filter = body.filter ?? {};
        const instances = await instancesInScope(engine, principalOf(res), {
          processInstanceKey: pinnedValue(filter.processInstanceKey),
          elementInstanceKey: pinnedValue(filter.scopeKey),
          readKey: pinnedValue(filter.variableKey),
        });
        const matching = instances.flatMap(variablesOf).filter((item) => matches(item, filter));
        res.json(searchAnswer(matching, body.sort, body.page));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v2/variables/:variableKey',
      access: 'authenticated',
      tag: 'Variable',
      summary: 'One variable by key, its whole value as JSON text.',
      response: { status: 200, schema: variableSchema },
      problems: [400, 404],
      handle: async ({ req, res }) => {
        const variableKey = pathKey(req.params, 'variableKey');
        const instances = await instancesInScope(engine, principalOf(res), { readKey: variableKey });
        const found = instances.flatMap(variablesOf).find((item) => item.variableKey === variableKey);
        if (found === undefined)
          throw new BatonError('NOT_FOUND', `Variable with key '${variableKey}' not found.`);
        res.json(found);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v2/user-tasks/:userTaskKey/variables/search',
      access: 'worker',
      tag: 'User task',
      summary:
        "The variables a user task sees: its element instance's own and those of every scope above it, the nearest scope's value winning for a name (values cut past 8,191 characters).",
      body: userTaskVariableSearchRequestSchema,
      response: { status: 200, schema: variableSearchResponseSchema },
      problems: [400, 404],
      handle: async ({ body, req, res }) => {
        const userTaskKey = pathKey(req.params, 'userTaskKey');
        const task = (await engine.searchUserTasks({ filter: { userTaskKey } })).items[0];
        if (task === undefined) throw userTaskNotFoundUnquoted(userTaskKey);
        const instance = await engine.getInstance(task.processInstanceKey);
        if (instance === undefined) throw userTaskNotFoundUnquoted(userTaskKey);
        const visible = visibleVariablesOf(instance, task.elementInstanceKey).filter((item) =>
          matchesStringFilter(body.filter?.name, item.name),
        );
        res.json(searchAnswer(visible, body.sort, body.page));
      },
    }),
  ];
}
