// End to end on the embedded runtime, and in the integration suite on Kafka + FerretDB: Camunda
// Forms (`.form`) deployed beside BPMN through POST /v2/deployments, versioned per form id, and
// refused with the resource named when the file is no form.
import { deploymentResponseSchema } from '@baton/contracts';
import { uniqueName } from '@baton/testing';
import type { EngineRuntime } from '../../src/engine-runtime';
import { startTestRuntime } from '../support/test-runtime';
import { formTaskBpmn, reviewForm } from '../fixtures/form-fixtures';
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

async function deployForm(formId: string, options?: { label?: string }) {
  const answer = await deployThroughApi(server, [
    { name: `${formId}.form`, content: reviewForm(formId, options) },
  ]);
  expect(answer.status).toBe(200);
  return deploymentResponseSchema.parse(answer.body);
}

it('deploys a form beside BPMN and answers a form entry as Camunda 8.8', async () => {
  const formId = uniqueName('review-form');
  const processId = uniqueName('proc');
  const answer = await deployThroughApi(server, [
    { name: `${processId}.bpmn`, content: formTaskBpmn(processId, { formId }) },
    { name: 'review.form', content: reviewForm(formId) },
  ]);
  expect(answer.status).toBe(200);
  const deployment = deploymentResponseSchema.parse(answer.body);
  expect(deployment.deployments.map((entry) => Object.keys(entry))).toEqual([
    ['processDefinition'],
    ['form'],
  ]);
  expect(deployment.deployments[1]?.form).toEqual({
    formId,
    version: 1,
    formKey: expect.stringMatching(/^\d+$/),
    resourceName: 'review.form',
    tenantId: '<default>',
  });
});

it('gives no new version for the same file and a new version (and key) for a changed one', async () => {
  const formId = uniqueName('review-form');
  const first = await deployForm(formId);
  const again = await deployForm(formId);
  const changed = await deployForm(formId, { label: 'Your comment' });
  expect(again.deployments).toEqual(first.deployments);
  expect(changed.deployments[0]?.form?.version).toBe(2);
  expect(changed.deployments[0]?.form?.formKey).not.toBe(first.deployments[0]?.form?.formKey);
  expect(again.deploymentKey).not.toBe(first.deploymentKey);
});

it.each([
  ['invalid JSON', '{"id": "x",', /broken\.form: not a valid JSON form/],
  ['not an object', '["id"]', /broken\.form: a form must be a JSON object/],
  ['no id', '{"components": []}', /broken\.form: the form has no 'id'/],
])('refuses the whole deployment for a form with %s, naming the resource', async (_, content, detail) => {
  const processId = uniqueName('proc');
  const answer = await deployThroughApi(server, [
    { name: `${processId}.bpmn`, content: formTaskBpmn(processId, undefined) },
    { name: 'broken.form', content },
  ]);
  expect(answer.status).toBe(400);
  expect(answer.body).toMatchObject({ status: 400, detail: expect.stringMatching(detail) as unknown });
  const definitions = await engine.listDefinitions();
  expect(definitions.some((definition) => definition.processDefinitionId === processId)).toBe(false);
});

it('refuses two resources of one deployment defining the same form id', async () => {
  const formId = uniqueName('review-form');
  const answer = await deployThroughApi(server, [
    { name: 'one.form', content: reviewForm(formId) },
    { name: 'two.form', content: reviewForm(formId, { label: 'Other' }) },
  ]);
  expect(answer.status).toBe(400);
  expect(answer.body).toMatchObject({
    detail: expect.stringContaining(`two.form: form '${formId}' is also defined in one.form`) as unknown,
  });
});

it('refuses a process whose task binds its form to the deployment when the form is not in it', async () => {
  const formId = uniqueName('review-form');
  const processId = uniqueName('proc');
  await deployForm(formId);
  const answer = await deployThroughApi(server, [
    { name: `${processId}.bpmn`, content: formTaskBpmn(processId, { formId, bindingType: 'deployment' }) },
  ]);
  expect(answer.status).toBe(400);
  expect(answer.body).toMatchObject({
    detail: expect.stringContaining(
      `${processId}.bpmn (review): expected to find form with id '${formId}' in this deployment`,
    ) as unknown,
  });
  const together = await deployThroughApi(server, [
    { name: `${processId}.bpmn`, content: formTaskBpmn(processId, { formId, bindingType: 'deployment' }) },
    { name: 'review.form', content: reviewForm(formId) },
  ]);
  expect(together.status).toBe(200);
});
