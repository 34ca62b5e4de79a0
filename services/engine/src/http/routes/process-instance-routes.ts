// Process instances: create (answered at once, or awaiting completion with a 504 past the
// request timeout while the instance runs on), get with Baton's token view, search, cancel and modify.
import {
  cancelProcessInstanceRequestSchema,
  createProcessInstanceRequestSchema,
  createProcessInstanceResponseSchema,
  modifyProcessInstanceRequestSchema,
  processInstanceDetailSchema,
  processInstanceSearchRequestSchema,
  processInstanceSearchResponseSchema,
  type CreateProcessInstanceResponse,
  type ModifyProcessInstanceRequest,
} from '@baton/contracts';
import type { EngineService, ProcessDefinitionRecord, StoredInstance } from '../../engine-service';
import { principalOf } from '../auth-guard';
import { toProcessInstanceDetail, toProcessInstanceSummary } from '../camunda-shapes';
import { assertMayRead, assertMayStart, visibleDefinitionKeys } from '../definition-visibility';
import { instanceFilterOf } from '../instance-search-filter';
import type { HttpOptionsWithDefaults } from '../options';
import { defineRoute, type RouteDefinition } from '../route-table';
import { pathKey } from '../validation';
import { assertMayReadInstance } from './instance-tree-routes';
import { processInstanceNotFoundUnquoted } from '../../errors';
import type { InstanceModification } from '../../instance-modification';

/** The request's instructions as the engine takes them; an ancestor key of -1 means none (Camunda's default). */
function modificationOf(body: ModifyProcessInstanceRequest): InstanceModification {
  return {
    activateInstructions: (body.activateInstructions ?? []).map((instruction) => {
      const ancestor = instruction.ancestorElementInstanceKey;
      return {
        elementId: instruction.elementId,
        ...(ancestor !== undefined && ancestor !== '-1' && ancestor !== -1
          ? { ancestorElementInstanceKey: ancestor }
          : {}),
        ...(instruction.variableInstructions
          ? { variableInstructions: instruction.variableInstructions }
          : {}),
      };
    }),
    terminateInstructions: body.terminateInstructions ?? [],
  };
}

/** Definition names by key, looked up once per distinct key. */
async function definitionNames(
  engine: EngineService,
  instances: readonly StoredInstance[],
): Promise<Map<string, string | undefined>> {
  const keys = [...new Set(instances.map((instance) => instance.processDefinitionKey))];
  const definitions = await Promise.all(keys.map((key) => engine.getDefinition(key)));
  return new Map(keys.map((key, index) => [key, definitions[index]?.name]));
}

export function processInstanceRoutes(
  engine: EngineService,
  options: HttpOptionsWithDefaults,
): RouteDefinition[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v2/process-instances',
      access: 'authenticated',
      tag: 'Process instance',
      summary:
        'Creates an instance by process id (+ version, -1 latest) or definition key, at its start event (chosen by startCondition among several) or at start instructions, optionally inheriting variables; with awaitCompletion answers when it ends, with awaitWaitState when it first waits.',
      body: createProcessInstanceRequestSchema,
      response: { status: 200, schema: createProcessInstanceResponseSchema },
      problems: [400, 404, 504],
      // A create reads no instance another create makes (an inherited one is read by its key).
      afterEarlierCreates: false,
      handle: async ({ body, res }) => {
        const principal = principalOf(res);
        const { inheritFrom } = body;
        // Run by the engine on the definition it looks up, so the request looks it up once.
        const authorize = async (definition: ProcessDefinitionRecord | undefined) => {
          assertMayStart(principal, definition);
          if (inheritFrom) await assertMayReadInstance(engine, principal, inheritFrom);
        };
        const awaitCompletion = body.awaitCompletion === true;
        const awaitWaitState = body.awaitWaitState === true;
        const result = await engine.createInstance({
          processDefinitionId: body.processDefinitionId,
          processDefinitionKey: body.processDefinitionKey,
          processDefinitionVersion: body.processDefinitionVersion,
          variables: body.variables ?? {},
          startInstructions: body.startInstructions,
          startCondition: body.startCondition,
          inheritFrom: body.inheritFrom,
          awaitWaitState,
          businessKey: body.businessKey,
          businessId: body.businessId,
          awaitCompletion,
          fetchVariables: body.fetchVariables,
          requestTimeoutMs:
            awaitCompletion || awaitWaitState
              ? body.requestTimeout || options.defaultAwaitTimeoutMs
              : undefined,
          authorize,
        });
        const answer: CreateProcessInstanceResponse = {
          processDefinitionKey: result.processDefinitionKey,
          processDefinitionId: result.processDefinitionId,
          processDefinitionVersion: result.processDefinitionVersion,
          processInstanceKey: result.processInstanceKey,
          tenantId: result.tenantId || '<default>',
          variables: { ...result.variables },
        };
        res.json(answer);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v2/process-instances/search',
      access: 'authenticated',
      tag: 'Process instance',
      summary:
        'Searches instances by key, process, version, state, incident, business key, start/end date ranges and root variables (JSON text or $eq, $neq, $gt, $gte, $lt, $lte, $like, $exists, $in); paged and sorted.',
      body: processInstanceSearchRequestSchema,
      response: { status: 200, schema: processInstanceSearchResponseSchema },
      problems: [400],
      handle: async ({ body, res }) => {
        const visibleKeys = await visibleDefinitionKeys(engine, principalOf(res));
        const result = await engine.searchInstances({
          filter: {
            ...instanceFilterOf(body.filter),
            ...(visibleKeys ? { processDefinitionKeys: visibleKeys } : {}),
          },
          page: body.page,
          sort: body.sort?.map((sort) => ({
            field: sort.field,
            order:
              sort.order === undefined ? undefined : sort.order.toUpperCase() === 'DESC' ? 'DESC' : 'ASC',
          })),
        });
        const names = await definitionNames(engine, result.items);
        res.json({
          items: result.items.map((instance) =>
            toProcessInstanceSummary(instance, names.get(instance.processDefinitionKey)),
          ),
          page: { totalItems: result.totalItems },
        });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/v2/process-instances/:processInstanceKey',
      access: 'authenticated',
      tag: 'Process instance',
      summary: "An instance with Camunda's fields plus its root variables, active element ids and tokens.",
      response: { status: 200, schema: processInstanceDetailSchema },
      problems: [400, 404],
      handle: async ({ req, res }) => {
        const processInstanceKey = pathKey(req.params, 'processInstanceKey');
        const instance = await engine.getInstance(processInstanceKey);
        if (instance === undefined) {
          throw processInstanceNotFoundUnquoted(processInstanceKey);
        }
        const definition = await engine.getDefinition(instance.processDefinitionKey);
        assertMayRead(principalOf(res), definition);
        res.json(toProcessInstanceDetail(instance, definition?.name));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v2/process-instances/:processInstanceKey/cancellation',
      access: 'operator',
      tag: 'Process instance',
      summary: 'Cancels an active instance: every token and job of it ends.',
      body: cancelProcessInstanceRequestSchema,
      response: { status: 204 },
      problems: [400, 404, 409],
      handle: async ({ req, res }) => {
        await engine.cancelInstance(pathKey(req.params, 'processInstanceKey'), principalOf(res).subject);
        res.status(204).end();
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v2/process-instances/:processInstanceKey/modification',
      access: 'operator',
      tag: 'Process instance',
      summary:
        'Modifies an active instance as Camunda 8 does, in one command: activates elements (their missing subprocess instances created, variables set per scope, an ancestor key choosing among several scope instances) and terminates element instances (a scope left empty ends too, up to the instance). All instructions are applied or none; 400 names the one that cannot be followed.',
      body: modifyProcessInstanceRequestSchema,
      response: { status: 204 },
      problems: [400, 404],
      handle: async ({ req, body, res }) => {
        await engine.modifyInstance(
          pathKey(req.params, 'processInstanceKey'),
          modificationOf(body),
          principalOf(res).subject,
        );
        res.status(204).end();
      },
    }),
  ];
}
