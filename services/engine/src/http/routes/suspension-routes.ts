// Camunda 7 suspension: operators suspend and activate process definitions,
// process instances, job definitions and jobs; any authenticated caller searches job definitions
// and jobs.
import {
  BatonError,
  jobDefinitionSearchRequestSchema,
  jobDefinitionSearchResponseSchema,
  jobDefinitionSuspensionRequestSchema,
  jobDefinitionSuspensionResponseSchema,
  jobSearchRequestSchema,
  jobSearchResponseSchema,
  jobSuspensionRequestSchema,
  processDefinitionSuspensionRequestSchema,
  processDefinitionSuspensionResponseSchema,
  processInstanceSuspensionRequestSchema,
} from '@baton/contracts';
import type { EngineService } from '../../engine-service';
import type { JobDefinition } from '../../suspension-service';
import { principalOf } from '../auth-guard';
import { defineRoute, type RouteDefinition } from '../route-table';
import { pathKey } from '../validation';

function toJobDefinition(definition: JobDefinition) {
  return {
    jobDefinitionKey: definition.jobDefinitionKey,
    processDefinitionKey: definition.processDefinitionKey,
    processDefinitionId: definition.processDefinitionId,
    processDefinitionVersion: definition.processDefinitionVersion,
    elementId: definition.elementId,
    type: definition.type,
    jobConfiguration: definition.kind,
    suspended: definition.suspended,
    tenantId: definition.tenantId,
  };
}

/** An ISO date-time of a filter bound in epoch ms; 400 when it is no date. */
function epochMs(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed))
    throw new BatonError('INVALID_ARGUMENT', `filter.dueDate.${name} is not a date-time: '${value}'.`);
  return parsed;
}

export function suspensionRoutes(engine: EngineService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'put',
      path: '/v2/process-definitions/:processDefinitionKey/suspension',
      access: 'operator',
      tag: 'Suspension',
      summary:
        'Suspends or activates a process definition (a suspended one cannot be instantiated); includeProcessInstances does the same to its active instances.',
      body: processDefinitionSuspensionRequestSchema,
      response: { status: 200, schema: processDefinitionSuspensionResponseSchema },
      problems: [400, 404],
      handle: async ({ body, req, res }) => {
        const processDefinitionKey = pathKey(req.params, 'processDefinitionKey');
        const { processInstancesChanged } = await engine.suspendDefinition(processDefinitionKey, {
          suspended: body.suspended,
          ...(body.includeProcessInstances !== undefined
            ? { includeProcessInstances: body.includeProcessInstances }
            : {}),
        });
        res.json({ processDefinitionKey, suspended: body.suspended, processInstancesChanged });
      },
    }),
    defineRoute({
      method: 'put',
      path: '/v2/process-instances/:processInstanceKey/suspension',
      access: 'operator',
      tag: 'Suspension',
      summary:
        'Suspends or activates a process instance: while suspended no token moves (variables may still change); messages and due timers wait for its activation.',
      body: processInstanceSuspensionRequestSchema,
      response: { status: 204 },
      problems: [400, 404, 409],
      handle: async ({ body, req, res }) => {
        await engine.suspendInstance(
          pathKey(req.params, 'processInstanceKey'),
          body.suspended,
          principalOf(res).subject,
        );
        res.status(204).end();
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v2/job-definitions/search',
      // Job routes are the workers' and operators' (DESIGN §6).
      access: 'worker',
      tag: 'Suspension',
      summary:
        'Searches the job definitions created at deployment: one per job-creating element, timer and asynchronous continuation.',
      body: jobDefinitionSearchRequestSchema,
      response: { status: 200, schema: jobDefinitionSearchResponseSchema },
      problems: [400],
      handle: async ({ body, res }) => {
        const filter = body.filter ?? {};
        const page = await engine.searchJobDefinitions({
          filter: {
            ...(filter.processDefinitionKey !== undefined
              ? { processDefinitionKey: filter.processDefinitionKey }
              : {}),
            ...(filter.elementId !== undefined ? { elementId: filter.elementId } : {}),
            ...(filter.type !== undefined ? { type: filter.type } : {}),
            ...(filter.suspended !== undefined ? { suspended: filter.suspended } : {}),
          },
          ...(body.page ? { page: body.page } : {}),
        });
        res.json({ items: page.items.map(toJobDefinition), page: { totalItems: page.totalItems } });
      },
    }),
    defineRoute({
      method: 'put',
      path: '/v2/job-definitions/:jobDefinitionKey/suspension',
      access: 'operator',
      tag: 'Suspension',
      summary:
        'Suspends or activates a job definition: new jobs (and timers) of a suspended one are created suspended; includeJobs changes its existing ones too.',
      body: jobDefinitionSuspensionRequestSchema,
      response: { status: 200, schema: jobDefinitionSuspensionResponseSchema },
      problems: [400, 404],
      handle: async ({ body, req, res }) => {
        const jobDefinitionKey = pathKey(req.params, 'jobDefinitionKey');
        const { jobsChanged } = await engine.suspendJobDefinition(jobDefinitionKey, {
          suspended: body.suspended,
          ...(body.includeJobs !== undefined ? { includeJobs: body.includeJobs } : {}),
        });
        res.json({ jobDefinitionKey, suspended: body.suspended, jobsChanged });
      },
    }),
    defineRoute({
      method: 'put',
      path: '/v2/jobs/:jobKey/suspension',
      access: 'operator',
      tag: 'Suspension',
      summary:
        'Suspends or activates one job or timer: a suspended job is not handed to workers and cannot be answered; a suspended timer does not fire.',
      body: jobSuspensionRequestSchema,
      response: { status: 204 },
      problems: [400, 404, 409],
      handle: async ({ body, req, res }) => {
        await engine.suspendJob(pathKey(req.params, 'jobKey'), body.suspended);
        res.status(204).end();
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v2/jobs/search',
      // Job routes are the workers' and operators' (DESIGN §6).
      access: 'worker',
      tag: 'Suspension',
      summary:
        'Searches open jobs (worker jobs, asynchronous continuations) and waiting timers, with their suspension; timers by due date.',
      body: jobSearchRequestSchema,
      response: { status: 200, schema: jobSearchResponseSchema },
      problems: [400],
      handle: async ({ body, res }) => {
        const filter = body.filter ?? {};
        const from = epochMs(filter.dueDate?.from, 'from');
        const to = epochMs(filter.dueDate?.to, 'to');
        const page = await engine.searchJobs({
          filter: {
            ...(filter.type !== undefined ? { type: filter.type } : {}),
            ...(filter.state !== undefined ? { state: filter.state } : {}),
            ...(filter.suspended !== undefined ? { suspended: filter.suspended } : {}),
            ...(filter.processInstanceKey !== undefined
              ? { processInstanceKey: filter.processInstanceKey }
              : {}),
            ...(filter.processDefinitionKey !== undefined
              ? { processDefinitionKey: filter.processDefinitionKey }
              : {}),
            ...(filter.elementId !== undefined ? { elementId: filter.elementId } : {}),
            ...(filter.dueDate
              ? { dueDate: { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) } }
              : {}),
          },
          ...(body.page ? { page: body.page } : {}),
        });
        res.json({ items: page.items, page: { totalItems: page.totalItems } });
      },
    }),
  ];
}
