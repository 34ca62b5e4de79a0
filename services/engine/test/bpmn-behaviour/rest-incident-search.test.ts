// POST /v2/incidents/search by process (Camunda 8.8's processDefinitionId and processDefinitionKey
// filters), across instances — the console's incidents view filters by process with them.
// Embedded here, on Kafka + FerretDB in the integration suite.
import { deploymentResponseSchema, incidentSearchResponseSchema } from '@baton/contracts';
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../../src/engine-runtime';
import { startTestRuntime } from '../support/test-runtime';
import { serviceTaskBpmn } from '../fixtures/bpmn-fixtures';
import { deployThroughApi, startTestServer, type TestServer } from '../support/test-support';

let engine: EngineRuntime;
let server: TestServer;

beforeAll(async () => {
  engine = await startTestRuntime();
  server = await startTestServer(engine);
});
afterAll(async () => {
  await server.close();
  await engine.close();
});

/** Deploys a one-service-task process, starts an instance and fails its job out of retries. */
async function instanceWithIncident(processId: string, jobType: string) {
  const deployed = deploymentResponseSchema.parse(
    (await deployThroughApi(server, [{ name: 'p.bpmn', content: serviceTaskBpmn(processId, jobType) }])).body,
  );
  const created = await server.call('POST', '/v2/process-instances', { processDefinitionId: processId });
  expect(created.status).toBe(200);
  const job = await waitFor(async () => {
    const answer = await server.call('POST', '/v2/jobs/activation', {
      type: jobType,
      worker: 'incident-search-test',
      timeout: 30_000,
      maxJobsToActivate: 1,
      requestTimeout: 1000,
    });
    return (answer.body.jobs as { jobKey: string }[])[0];
  });
  await server.call('POST', `/v2/jobs/${job.jobKey}/failure`, {
    retries: 0,
    errorMessage: `${processId} broke`,
  });
  return {
    processInstanceKey: created.body.processInstanceKey as string,
    processDefinitionKey: deployed.deployments[0]!.processDefinition!.processDefinitionKey,
  };
}

async function search(filter: Record<string, unknown>) {
  const answer = await server.call('POST', '/v2/incidents/search', { filter });
  expect(answer.status).toBe(200);
  return incidentSearchResponseSchema.parse(answer.body).items;
}

it('finds the incidents of one process, or one version of it, among the instances with incidents', async () => {
  const first = uniqueName('incidents-a');
  const second = uniqueName('incidents-b');
  const a = await instanceWithIncident(first, uniqueName('job-a'));
  const b = await instanceWithIncident(second, uniqueName('job-b'));
  await waitFor(async () => (await search({ processDefinitionId: second })).length === 1);

  const ofFirst = await search({ processDefinitionId: first });
  expect(ofFirst.map((incident) => [incident.processInstanceKey, incident.errorMessage])).toEqual([
    [a.processInstanceKey, `${first} broke`],
  ]);
  const ofSecondVersion = await search({ processDefinitionKey: b.processDefinitionKey, state: 'ACTIVE' });
  expect(ofSecondVersion.map((incident) => incident.processInstanceKey)).toEqual([b.processInstanceKey]);
  expect(await search({ processDefinitionId: uniqueName('no-such-process') })).toEqual([]);
  // Both filters must hold.
  expect(await search({ processDefinitionId: first, processDefinitionKey: b.processDefinitionKey })).toEqual(
    [],
  );
});
