// POST /v2/process-definitions/{processDefinitionKey}/statistics/element-instances (Camunda 8.8):
// the counts per element an operator looks at first (the console's heatmap), from the read model.
// The definition's instances the filter selects are read page by page and counted here.
import {
  processDefinitionStatisticsRequestSchema,
  processDefinitionStatisticsResponseSchema,
  type ProcessDefinitionStatisticsRequest,
} from '@baton/contracts';
import type { InstanceFilter } from '@baton/store';
import type { EngineService } from '../../engine-service';
import { processDefinitionNotFoundUnquoted } from '../../errors';
import { principalOf } from '../auth-guard';
import { assertMayRead } from '../definition-visibility';
import { ElementStatistics } from '../element-statistics';
import { instanceFilterOf } from '../instance-search-filter';
import { defineRoute, type RouteDefinition } from '../route-table';
import { pathKey } from '../validation';

/** Instances read per store query while counting. */
const pageSize = 500;

function storeFilterOf(
  processDefinitionKey: string,
  filter: ProcessDefinitionStatisticsRequest['filter'],
): InstanceFilter {
  if (filter === undefined) return { processDefinitionKey };
  const { processInstanceKey, parentProcessInstanceKey, state, hasIncident, startDate, endDate, variables } =
    filter;
  return {
    ...instanceFilterOf({
      ...(processInstanceKey !== undefined && { processInstanceKey }),
      ...(parentProcessInstanceKey !== undefined && { parentProcessInstanceKey }),
      ...(state !== undefined && { state }),
      ...(hasIncident !== undefined && { hasIncident }),
      ...(startDate !== undefined && { startDate }),
      ...(endDate !== undefined && { endDate }),
      ...(variables !== undefined && { variables }),
    }),
    processDefinitionKey,
  };
}

export function definitionStatisticsRoutes(engine: EngineService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v2/process-definitions/:processDefinitionKey/statistics/element-instances',
      access: 'authenticated',
      tag: 'Process definition',
      summary:
        "Per element of the definition: active element instances without and with an incident, canceled ones, and completed end events, over the instances the filter selects (Camunda 8.8's process definition element statistics).",
      body: processDefinitionStatisticsRequestSchema,
      response: { status: 200, schema: processDefinitionStatisticsResponseSchema },
      problems: [400, 403, 404],
      handle: async ({ req, body, res }) => {
        const processDefinitionKey = pathKey(req.params, 'processDefinitionKey');
        const definition = await engine.getDefinition(processDefinitionKey);
        if (definition === undefined) throw processDefinitionNotFoundUnquoted(processDefinitionKey);
        assertMayRead(principalOf(res), definition);
        const statistics = new ElementStatistics(definition.model);
        const filter = storeFilterOf(processDefinitionKey, body.filter);
        for (let from = 0; ; from += pageSize) {
          const page = await engine.searchInstances({
            filter,
            page: { from, limit: pageSize },
            sort: [{ field: 'processInstanceKey', order: 'ASC' }],
          });
          for (const instance of page.items) statistics.add(instance);
          if (page.items.length < pageSize || from + pageSize >= page.totalItems) break;
        }
        res.json({ items: statistics.items() });
      },
    }),
  ];
}
