// Job workers: activation with long polling, completion, failure (retries, back-off) and BPMN
// errors. The answers carry the Camunda 8.8 activated-job fields, so Camunda workers run unchanged.
import {
  activateJobsRequestSchema,
  activateJobsResponseSchema,
  completeJobRequestSchema,
  failJobRequestSchema,
  throwJobErrorRequestSchema,
  updateJobRequestSchema,
} from '@baton/contracts';
import type { EngineService } from '../../engine-service';
import { toActivatedJob } from '../camunda-shapes';
import type { HttpOptionsWithDefaults } from '../options';
import { defineRoute, type RouteDefinition } from '../route-table';
import { pathKey } from '../validation';

/** Camunda's convention: negative answers at once, 0 or absent long-polls for the server default. */
function longPollMs(requestTimeout: number | undefined, options: HttpOptionsWithDefaults): number {
  if (requestTimeout === undefined || requestTimeout === 0) return options.defaultJobPollTimeoutMs;
  return requestTimeout < 0 ? 0 : requestTimeout;
}

export function jobRoutes(engine: EngineService, options: HttpOptionsWithDefaults): RouteDefinition[] {
  return [
    defineRoute({
      method: 'post',
      path: '/v2/jobs/activation',
      access: 'worker',
      tag: 'Job',
      summary:
        'Activates up to maxJobsToActivate jobs of a type, waiting up to requestTimeout for one to appear.',
      body: activateJobsRequestSchema,
      response: { status: 200, schema: activateJobsResponseSchema },
      problems: [400, 503],
      handle: async ({ body, res }) => {
        const jobs = await engine.activateJobs({
          type: body.type,
          worker: body.worker ?? '',
          timeoutMs: body.timeout,
          maxJobsToActivate: body.maxJobsToActivate,
          fetchVariable: body.fetchVariable,
          requestTimeoutMs: longPollMs(body.requestTimeout, options),
        });
        res.json({ jobs: jobs.map(toActivatedJob) });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v2/jobs/:jobKey/completion',
      access: 'worker',
      tag: 'Job',
      summary: 'Completes a job; its variables are merged into the instance.',
      body: completeJobRequestSchema,
      response: { status: 204 },
      problems: [400, 404, 409],
      handle: async ({ body, req, res }) => {
        await engine.completeJob(pathKey(req.params, 'jobKey'), body.variables ?? undefined);
        res.status(204).end();
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v2/jobs/:jobKey/failure',
      access: 'worker',
      tag: 'Job',
      summary:
        'Fails a job: with retries left it is retried after retryBackOff ms, with none an incident is raised.',
      body: failJobRequestSchema,
      response: { status: 204 },
      problems: [400, 404, 409],
      handle: async ({ body, req, res }) => {
        await engine.failJob(pathKey(req.params, 'jobKey'), {
          retries: body.retries ?? 0,
          errorMessage: body.errorMessage,
          retryBackOffMs: body.retryBackOff,
          variables: body.variables ?? undefined,
        });
        res.status(204).end();
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v2/jobs/:jobKey/error',
      access: 'worker',
      tag: 'Job',
      summary: 'Throws a BPMN error from a job, caught by a matching error boundary event.',
      body: throwJobErrorRequestSchema,
      response: { status: 204 },
      problems: [400, 404, 409],
      handle: async ({ body, req, res }) => {
        await engine.throwJobError(pathKey(req.params, 'jobKey'), {
          errorCode: body.errorCode,
          errorMessage: body.errorMessage,
          variables: body.variables ?? undefined,
        });
        res.status(204).end();
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/v2/jobs/:jobKey',
      access: 'operator',
      tag: 'Job',
      summary:
        "Changes a job's retries and/or the timeout of an activated job; a job incident is then resolved with POST /v2/incidents/{key}/resolution.",
      body: updateJobRequestSchema,
      response: { status: 204 },
      problems: [400, 404, 409],
      handle: async ({ body, req, res }) => {
        const { retries, timeout } = body.changeset;
        await engine.updateJob(pathKey(req.params, 'jobKey'), {
          ...(retries != null ? { retries } : {}),
          ...(timeout != null ? { timeoutMs: timeout } : {}),
        });
        res.status(204).end();
      },
    }),
  ];
}
