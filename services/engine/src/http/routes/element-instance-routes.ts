// Element instances as Camunda 8.8 resources: search and get, read from the stored instances
// (element-instance-view.ts says what an instance keeps of its ended elements).
import {
  BatonError,
  elementInstanceSchema,
  elementInstanceSearchRequestSchema,
  elementInstanceSearchResponseSchema,
  type ElementInstanceResponse,
  type ElementInstanceSearchRequest,
} from '@baton/contracts';
import { sortAndPage } from '@baton/store';
import type { EngineService, StoredInstance } from '../../engine-service';
import { principalOf } from '../auth-guard';
import { elementInstancesOf, type ElementInstanceView } from '../element-instance-view';
import { instancesInScope } from '../instance-scan';
import { defineRoute, type RouteDefinition } from '../route-table';
import { pathKey } from '../validation';

type Filter = NonNullable<ElementInstanceSearchRequest['filter']>;

/** Fields a search sorts on (Camunda's list); others are ignored. */
const sortFields = new Set([
  'elementInstanceKey',
  'processInstanceKey',
  'processDefinitionKey',
  'processDefinitionId',
  'startDate',
  'endDate',
  'elementId',
  'type',
  'state',
  'incidentKey',
  'tenantId',
]);

async function elementInstancesIn(
  engine: EngineService,
  instances: readonly StoredInstance[],
): Promise<ElementInstanceView[]> {
  const items: ElementInstanceView[] = [];
  for (const instance of instances) {
    const definition = await engine.getDefinition(instance.processDefinitionKey);
    if (definition !== undefined) items.push(...elementInstancesOf(instance, definition.model));
  }
  return items;
}

function matches({ item, flowScopeKey }: ElementInstanceView, filter: Filter): boolean {
  const equal = <T>(expected: T | undefined, actual: T | undefined) =>
    expected === undefined || expected === actual;
  return (
    equal(filter.elementInstanceScopeKey, flowScopeKey) &&
    equal(filter.elementInstanceKey, item.elementInstanceKey) &&
    equal(filter.processInstanceKey, item.processInstanceKey) &&
    equal(filter.processDefinitionKey, item.processDefinitionKey) &&
    equal(filter.processDefinitionId, item.processDefinitionId) &&
    equal(filter.elementId, item.elementId) &&
    equal(filter.elementName, item.elementName) &&
    equal(filter.type, item.type) &&
    equal(filter.state, item.state) &&
    equal(filter.hasIncident, item.hasIncident) &&
    equal(filter.incidentKey, item.incidentKey)
  );
}

export function elementInstanceRoutes(engine: EngineService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v2/element-instances/search',
      access: 'authenticated',
      tag: 'Element instance',
      summary:
        'Searches element instances: active ones, the process instance itself, and ended user, service, send and business rule tasks (other ended elements are not kept); elementInstanceScopeKey selects the immediate children of a process or element instance. Without processInstanceKey, elementInstanceKey or elementInstanceScopeKey at most 1,000 instances are read (400 past that: narrow by processDefinitionKey).',
      body: elementInstanceSearchRequestSchema,
      response: { status: 200, schema: elementInstanceSearchResponseSchema },
      problems: [400],
      handle: async ({ body, res }) => {
        const filter = body.filter ?? {};
        const instances = await instancesInScope(engine, principalOf(res), {
          processInstanceKey: filter.processInstanceKey,
          processDefinitionKey: filter.processDefinitionKey,
          processDefinitionId: filter.processDefinitionId,
          elementInstanceKey: filter.elementInstanceKey ?? filter.elementInstanceScopeKey,
        });
        const matching = (await elementInstancesIn(engine, instances))
          .filter((view) => matches(view, filter))
          .map((view) => view.item);
        const sort = (body.sort ?? [])
          .filter((entry) => sortFields.has(entry.field))
          .map((entry) => ({ field: entry.field, order: entry.order?.toUpperCase() as 'ASC' | 'DESC' }));
        const page = sortAndPage(
          matching,
          sort,
          body.page,
          (item, field) => item[field as keyof ElementInstanceResponse],
        );
        res.json({ items: page.items, page: { totalItems: page.totalItems } });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v2/element-instances/:elementInstanceKey',
      access: 'authenticated',
      tag: 'Element instance',
      summary:
        'One element instance by key (active, the process instance itself, or an ended task the instance keeps).',
      response: { status: 200, schema: elementInstanceSchema },
      problems: [400, 404],
      handle: async ({ req, res }) => {
        const elementInstanceKey = pathKey(req.params, 'elementInstanceKey');
        const instances = await instancesInScope(engine, principalOf(res), { elementInstanceKey });
        const found = (await elementInstancesIn(engine, instances))
          .map((view) => view.item)
          .find((item) => item.elementInstanceKey === elementInstanceKey);
        if (found === undefined)
          throw new BatonError('NOT_FOUND', `Element instance with key '${elementInstanceKey}' not found.`);
        res.json(found);
      },
    }),
  ];
}
