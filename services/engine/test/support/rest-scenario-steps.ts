// The steps most REST scenario tests take — deploy a file, start an instance, take a job, complete
// it — each asserting the status a client expects, so a test reads as its scenario.
/* eslint-disable @typescript-eslint/no-unsafe-member-access -- JSON answers are JsonBody (any) by design */
import { activateJobsResponseSchema, type ActivatedJobResponse } from '@baton/contracts';
import { deployThroughApi, type TestServer } from './test-support';

/** The deployed definition's keys, as the deployment answer gives them. */
export interface DeployedDefinition {
  readonly processDefinitionKey: string;
  readonly processDefinitionVersion: number;
}

/** Deploys one BPMN file named after its process; expects 200. */
export async function deployProcess(
  server: TestServer,
  processId: string,
  content: string,
): Promise<DeployedDefinition> {
  const deployed = await deployThroughApi(server, [{ name: `${processId}.bpmn`, content }]);
  expect(deployed.status).toBe(200);
  return deployed.body.deployments[0].processDefinition as DeployedDefinition;
}

/** Creates an instance of the process's latest version; expects 200 and answers its key. */
export async function startInstanceOf(
  server: TestServer,
  processId: string,
  variables: Record<string, unknown> = {},
): Promise<string> {
  const created = await server.call('POST', '/v2/process-instances', {
    processDefinitionId: processId,
    variables,
  });
  expect(created.status).toBe(200);
  return created.body.processInstanceKey as string;
}

/** Long-polls (10 s) for one job of a type, as `worker`; fails when none comes. */
export async function activateOneJob(
  server: TestServer,
  type: string,
  worker: string,
): Promise<ActivatedJobResponse> {
  const answer = await server.call('POST', '/v2/jobs/activation', {
    type,
    worker,
    timeout: 30_000,
    maxJobsToActivate: 1,
    requestTimeout: 10_000,
  });
  expect(answer.status).toBe(200);
  const [job] = activateJobsResponseSchema.parse(answer.body).jobs;
  if (!job) throw new Error(`no job of type ${type}`);
  return job;
}

/** Completes a job with variables; expects 204. */
export async function completeJobOf(
  server: TestServer,
  jobKey: string,
  variables: Record<string, unknown> = {},
): Promise<void> {
  const answer = await server.call('POST', `/v2/jobs/${jobKey}/completion`, { variables });
  expect(answer.status).toBe(204);
}
