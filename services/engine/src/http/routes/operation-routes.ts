// Operator routes on running instances: incidents (search, get, resolve) and the variables of an
// element instance's scope. A worker sees the incidents of the instances it may see, as it sees
// instances (definition-visibility.ts): those of definitions it may start.
import {
  incidentSchema,
  incidentSearchRequestSchema,
  incidentSearchResponseSchema,
  resolveIncidentRequestSchema,
  setVariablesRequestSchema,
  type IncidentDto,
} from '@baton/contracts';
import type { EngineService, StoredInstance } from '../../engine-service';
import { principalOf } from '../auth-guard';
import { assertMayRead, visibleDefinitionKeys } from '../definition-visibility';
import { defineRoute, type RouteDefinition } from '../route-table';
import { pathKey } from '../validation';
import { incidentNotFound } from '../../errors';

/** Most instances with active incidents a search without processInstanceKey looks through. */
const INCIDENT_SEARCH_INSTANCES = 10_000;

function incidentsOf(instance: StoredInstance): IncidentDto[] {
  return Object.values(instance.incidents).map((incident) => ({
    incidentKey: incident.incidentKey,
    processInstanceKey: instance.processInstanceKey,
    processDefinitionKey: instance.processDefinitionKey,
    processDefinitionId: instance.processDefinitionId,
    errorType: incident.errorType,
    errorMessage: incident.errorMessage,
    elementId: incident.elementId,
    elementInstanceKey: incident.elementInstanceKey,
    ...(incident.jobKey !== undefined ? { jobKey: incident.jobKey } : {}),
    creationTime: incident.creationTime,
    state: incident.state,
    tenantId: instance.tenantId || '<default>',
  }));
}

export function operationRoutes(engine: EngineService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v2/incidents/search',
      access: 'worker',
      tag: 'Incident',
      summary:
        'Searches incidents by instance, process, state, error type, element and job; without processInstanceKey, among the instances with an active incident.',
      body: incidentSearchRequestSchema,
      response: { status: 200, schema: incidentSearchResponseSchema },
      problems: [400],
      handle: async ({ body, res }) => {
        const filter = body.filter ?? {};
        const visibleKeys = await visibleDefinitionKeys(engine, principalOf(res));
        const instances =
          filter.processInstanceKey !== undefined
            ? [await engine.getInstance(filter.processInstanceKey)].filter(
                (instance) => instance !== undefined,
              )
            : (
                await engine.searchInstances({
                  filter: {
                    hasIncident: true,
                    ...(visibleKeys !== undefined && { processDefinitionKeys: visibleKeys }),
                    ...(filter.processDefinitionId !== undefined && {
                      processDefinitionId: filter.processDefinitionId,
                    }),
                    ...(filter.processDefinitionKey !== undefined && {
                      processDefinitionKey: filter.processDefinitionKey,
                    }),
                  },
                  page: { from: 0, limit: INCIDENT_SEARCH_INSTANCES },
                })
              ).items;
        const matching = instances
          .flatMap(incidentsOf)
          .filter(
            (incident) =>
              (visibleKeys === undefined || visibleKeys.includes(incident.processDefinitionKey)) &&
              (filter.processDefinitionId === undefined ||
                incident.processDefinitionId === filter.processDefinitionId) &&
              (filter.processDefinitionKey === undefined ||
                incident.processDefinitionKey === filter.processDefinitionKey) &&
              (filter.state === undefined || incident.state === filter.state) &&
              (filter.errorType === undefined || incident.errorType === filter.errorType) &&
              (filter.elementId === undefined || incident.elementId === filter.elementId) &&
              (filter.jobKey === undefined || incident.jobKey === filter.jobKey),
          )
          .sort((a, b) => a.creationTime.localeCompare(b.creationTime));
        const from = body.page?.from ?? 0;
        const limit = body.page?.limit ?? 100;
        res.json({ items: matching.slice(from, from + limit), page: { totalItems: matching.length } });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v2/incidents/:incidentKey',
      access: 'worker',
      tag: 'Incident',
      summary: 'An active incident with its instance, element, job and error.',
      response: { status: 200, schema: incidentSchema },
      problems: [400, 404],
      handle: async ({ req, res }) => {
        const incidentKey = pathKey(req.params, 'incidentKey');
        const { items } = await engine.searchInstances({
          filter: { incidentKey },
          page: { from: 0, limit: 1 },
        });
        const incident = items
          .flatMap(incidentsOf)
          .find((candidate) => candidate.incidentKey === incidentKey);
        if (!incident) throw incidentNotFound(incidentKey);
        assertMayRead(principalOf(res), await engine.getDefinition(incident.processDefinitionKey));
        res.json(incident);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v2/incidents/:incidentKey/resolution',
      access: 'operator',
      tag: 'Incident',
      summary:
        'Resolves an incident: what failed runs again. A job out of retries needs its retries raised first (PATCH /v2/jobs/{key}).',
      body: resolveIncidentRequestSchema,
      response: { status: 204 },
      problems: [400, 404, 409],
      handle: async ({ req, res }) => {
        await engine.resolveIncident(pathKey(req.params, 'incidentKey'), principalOf(res).subject);
        res.status(204).end();
      },
    }),
    defineRoute({
      method: 'put',
      path: '/v2/element-instances/:elementInstanceKey/variables',
      access: 'operator',
      tag: 'Element instance',
      summary:
        'Sets variables in the scope of an active element instance (the process instance key for the root scope): local, or propagated like job variables.',
      body: setVariablesRequestSchema,
      response: { status: 204 },
      problems: [400, 404, 409],
      handle: async ({ body, req, res }) => {
        await engine.setVariables(
          pathKey(req.params, 'elementInstanceKey'),
          body.variables,
          body.local ?? false,
          principalOf(res).subject,
        );
        res.status(204).end();
      },
    }),
  ];
}
