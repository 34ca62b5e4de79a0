// Every route of the REST API, in registration order, plus the OpenAPI route that describes them all.
import type { EngineService } from '../../engine-service';
import { buildOpenApiDocument } from '../openapi';
import type { HttpOptionsWithDefaults } from '../options';
import { defineRoute, type RouteDefinition } from '../route-table';
import { authenticationRoutes } from './authentication-routes';
import { batchOperationRoutes } from './batch-operation-routes';
import { clockRoutes } from './clock-routes';
import { clusterRoutes } from './cluster-routes';
import { decisionRoutes } from './decision-routes';
import { decisionQueryRoutes } from './decision-query-routes';
import { definitionStatisticsRoutes } from './definition-statistics-routes';
import { deploymentRoutes } from './deployment-routes';
import { elementInstanceRoutes } from './element-instance-routes';
import { formRoutes } from './form-routes';
import { historyRoutes } from './history-routes';
import { jobRoutes } from './job-routes';
import { liveStateRoutes } from './live-state-routes';
import { messageRoutes } from './message-routes';
import { signalRoutes } from './signal-routes';
import { operationRoutes } from './operation-routes';
import { processDefinitionRoutes } from './process-definition-routes';
import { processInstanceRoutes } from './process-instance-routes';
import { processInstanceMigrationRoutes } from './process-instance-migration-routes';
import { resourceRoutes } from './resource-routes';
import { instanceTreeRoutes } from './instance-tree-routes';
import { userTaskRoutes } from './user-task-routes';
import { variableRoutes } from './variable-routes';
import { suspensionRoutes } from './suspension-routes';

export function httpRoutes(engine: EngineService, options: HttpOptionsWithDefaults): RouteDefinition[] {
  const routes: RouteDefinition[] = [
    ...clusterRoutes(engine),
    ...authenticationRoutes(),
    ...clockRoutes(engine),
    ...deploymentRoutes(engine, options),
    ...resourceRoutes(engine),
    ...decisionRoutes(engine),
    ...decisionQueryRoutes(engine),
    ...processDefinitionRoutes(engine),
    ...definitionStatisticsRoutes(engine),
    ...processInstanceRoutes(engine, options),
    ...processInstanceMigrationRoutes(engine),
    ...instanceTreeRoutes(engine),
    ...historyRoutes(engine),
    ...liveStateRoutes(engine),
    ...jobRoutes(engine, options),
    ...userTaskRoutes(engine),
    ...elementInstanceRoutes(engine),
    ...variableRoutes(engine),
    ...formRoutes(engine),
    ...messageRoutes(engine),
    ...signalRoutes(engine),
    ...operationRoutes(engine),
    ...batchOperationRoutes(engine),
    ...suspensionRoutes(engine),
  ];
  let document: Record<string, unknown> | undefined;
  routes.push(
    defineRoute({
      method: 'get',
      path: '/v2/openapi.json',
      access: 'public',
      tag: 'Cluster',
      summary: 'This OpenAPI 3.1 document, generated from the zod schemas.',
      response: { status: 200, contentType: 'application/json' },
      handle: ({ res }) => {
        // Built on first use: the route list is complete by then, including this route.
        document ??= buildOpenApiDocument(routes, options.apiVersion);
        res.json(document);
      },
    }),
  );
  return routes;
}
