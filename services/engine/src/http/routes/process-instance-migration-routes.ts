// Process instance migration (Camunda 8.8 REST v2 POST /v2/process-instances/{key}/migration), and
// Baton's dry run beside it: the same body, answered with the plan, nothing changed. The dry run
// is a path of its own so that each operation has one answer shape in the OpenAPI document.
import {
  migrateProcessInstanceRequestSchema,
  migrationDryRunResponseSchema,
  type MigrateProcessInstanceRequest,
} from '@baton/contracts';
import type { EngineService } from '../../engine-service';
import type { InstanceMigration } from '../../facades/instance-migration';
import { principalOf } from '../auth-guard';
import { defineRoute, type RouteDefinition } from '../route-table';
import { pathKey } from '../validation';

function migrationOf(body: MigrateProcessInstanceRequest): InstanceMigration {
  return {
    targetProcessDefinitionKey: body.targetProcessDefinitionKey,
    mappingInstructions: body.mappingInstructions,
  };
}

export function processInstanceMigrationRoutes(engine: EngineService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v2/process-instances/:processInstanceKey/migration',
      access: 'operator',
      tag: 'Process instance',
      summary:
        'Migrates an active instance to another process definition as Camunda 8.8 does: every active element instance moves to the element its mapping instruction names, keeping its key, job, user task, timers, subscriptions and incidents; a mapped boundary event or event subprocess start keeps its subscription, an unmapped one is withdrawn, a new one of the target is subscribed. Everything is checked first and applied whole, or not at all: 400 for a mapping that names unknown or duplicate elements, 404 for an unknown instance or target, 409 naming every active element that is unmapped, changes type or flow scope, or is not supported.',
      body: migrateProcessInstanceRequestSchema,
      response: { status: 204 },
      problems: [400, 404, 409],
      handle: async ({ req, body, res }) => {
        await engine.migrateInstance(
          pathKey(req.params, 'processInstanceKey'),
          migrationOf(body),
          principalOf(res).subject,
        );
        res.status(204).end();
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v2/process-instances/:processInstanceKey/migration/dry-run',
      access: 'operator',
      tag: 'Process instance',
      summary:
        'Baton addition (Camunda 8.8 has no dry run): answers what POST …/migration with the same body would do to the instance as last stored — each active element instance with its target element, and each boundary event or event subprocess start kept (MIGRATE), withdrawn (CLOSE) or newly subscribed (OPEN) — or refuses it with the same problem. Nothing changes.',
      body: migrateProcessInstanceRequestSchema,
      response: { status: 200, schema: migrationDryRunResponseSchema },
      problems: [400, 404, 409],
      handle: async ({ req, body, res }) => {
        res.json(await engine.dryRunMigration(pathKey(req.params, 'processInstanceKey'), migrationOf(body)));
      },
    }),
  ];
}
