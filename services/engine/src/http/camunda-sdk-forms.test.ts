// Camunda Forms through the official Camunda 8 SDK's REST client, unchanged: a multipart deployment
// of .bpmn + .dmn + .form in one request, then the form linked to a user task and to a start event
// (GET /v2/user-tasks/{key}/form, GET /v2/process-definitions/{key}/form), called through the
// client's own endpoint caller since the 8.8 SDK has no method of its own for them; a form version
// deleted with the SDK's deleteResource (POST /v2/resources/{formKey}/deletion).
import { Camunda8 } from '@camunda8/sdk';
import { formResponseSchema } from '@baton/contracts';
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../engine-runtime';
import { startTestRuntime } from '../../test/support/test-runtime';
import { discountDmn } from '../../test/fixtures/dmn-fixtures';
import { formTaskBpmn, reviewForm, type FormLinkAttributes } from '../../test/fixtures/form-fixtures';
import { startTestServer, type TestServer } from '../../test/support/test-support';

let engine: EngineRuntime;
let server: TestServer;
let camunda: Camunda8;

beforeAll(async () => {
  engine = await startTestRuntime();
  server = await startTestServer(engine);
  camunda = new Camunda8({
    CAMUNDA_AUTH_STRATEGY: 'BEARER',
    CAMUNDA_OAUTH_TOKEN: server.token,
    ZEEBE_REST_ADDRESS: server.baseUrl,
    CAMUNDA_LOG_LEVEL: 'error',
  });
});
afterAll(async () => {
  await camunda.closeAllClients();
  await server.close();
  await engine.close();
});

const client = () => camunda.getCamundaRestClient();

async function deploy(resources: { name: string; content: string }[]) {
  return client().deployResources(resources);
}

/** Starts the process and answers its user task, once created. */
async function startAndWaitForTask(processDefinitionId: string) {
  const { processInstanceKey } = await client().createProcessInstance({ processDefinitionId, variables: {} });
  return waitFor(async () => (await client().searchUserTasks({ filter: { processInstanceKey } })).items[0]);
}

/** GET through the SDK's endpoint caller: the parsed form, or the status it answered instead. */
async function getForm(urlPath: string): Promise<{ status: 200; form: unknown } | { status: number }> {
  try {
    const text = await client().callApiEndpoint({ method: 'GET', urlPath, json: false });
    return text === '' ? { status: 204 } : { status: 200, form: JSON.parse(text) as unknown };
  } catch (error) {
    return { status: (error as { statusCode?: number }).statusCode ?? -1 };
  }
}

async function processWithForm(taskForm: FormLinkAttributes | undefined, startForm?: FormLinkAttributes) {
  const processId = uniqueName('forms');
  const deployment = await deploy([
    { name: `${processId}.bpmn`, content: formTaskBpmn(processId, taskForm, startForm) },
  ]);
  return { processId, processDefinitionKey: deployment.processes[0]!.processDefinitionKey };
}

it('deploys .bpmn + .dmn + .form in one multipart request, answered with every kind of entry', async () => {
  const processId = uniqueName('forms');
  const drgId = uniqueName('drg');
  const formId = uniqueName('review-form');
  const deployment = await deploy([
    { name: `${processId}.bpmn`, content: formTaskBpmn(processId, { formId }) },
    { name: 'discounts.dmn', content: discountDmn(drgId) },
    { name: 'review.form', content: reviewForm(formId) },
  ]);
  expect(deployment.processes.map((p) => p.processDefinitionId)).toEqual([processId]);
  expect(deployment.decisions.map((d) => d.decisionDefinitionId)).toEqual([
    `${drgId}-category`,
    `${drgId}-discount`,
  ]);
  expect(deployment.decisionRequirements.map((d) => d.decisionRequirementsId)).toEqual([drgId]);
  expect(deployment.forms).toHaveLength(1);
  expect(deployment.forms[0]).toMatchObject({
    formId,
    version: 1,
    resourceName: 'review.form',
    tenantId: '<default>',
  });
  expect(deployment.forms[0]!.formKey).toMatch(/^\d+$/);
  expect(deployment.deployments.map((entry) => Object.keys(entry)[0])).toEqual([
    'processDefinition',
    'decisionDefinition',
    'decisionDefinition',
    'decisionRequirements',
    'form',
  ]);
});

it("answers a user task's linked form: key, id, version, the schema as deployed and the tenant", async () => {
  const formId = uniqueName('review-form');
  const formDeployment = await deploy([{ name: 'review.form', content: reviewForm(formId) }]);
  const { processId } = await processWithForm({ formId });
  const task = await startAndWaitForTask(processId);

  const answer = await getForm(`user-tasks/${task.userTaskKey}/form`);
  expect(answer.status).toBe(200);
  const form = formResponseSchema.parse((answer as { form: unknown }).form);
  expect(form).toEqual({
    formKey: formDeployment.forms[0]!.formKey,
    formId,
    version: 1,
    schema: reviewForm(formId),
    tenantId: '<default>',
  });
});

it('keeps the version that was latest when the task was created; a later task gets the newer one', async () => {
  const formId = uniqueName('review-form');
  await deploy([{ name: 'review.form', content: reviewForm(formId) }]);
  const { processId } = await processWithForm({ formId });
  const earlier = await startAndWaitForTask(processId);
  await deploy([{ name: 'review.form', content: reviewForm(formId, { label: 'Why?' }) }]);
  const later = await startAndWaitForTask(processId);

  const versionOf = async (userTaskKey: string) =>
    formResponseSchema.parse(((await getForm(`user-tasks/${userTaskKey}/form`)) as { form: unknown }).form)
      .version;
  expect(await versionOf(earlier.userTaskKey)).toBe(1);
  expect(await versionOf(later.userTaskKey)).toBe(2);
});

it('with bindingType="deployment" answers the version deployed with the process', async () => {
  const formId = uniqueName('review-form');
  const processId = uniqueName('forms');
  await deploy([
    { name: `${processId}.bpmn`, content: formTaskBpmn(processId, { formId, bindingType: 'deployment' }) },
    { name: 'review.form', content: reviewForm(formId) },
  ]);
  await deploy([{ name: 'review.form', content: reviewForm(formId, { label: 'Newer' }) }]);
  const task = await startAndWaitForTask(processId);
  const answer = await getForm(`user-tasks/${task.userTaskKey}/form`);
  expect(formResponseSchema.parse((answer as { form: unknown }).form).version).toBe(1);
});

it.each<[string, FormLinkAttributes | undefined]>([
  ['no form', undefined],
  ['a custom formKey', { formKey: 'custom:review' }],
  ['an external reference', { externalReference: 'https://forms.example/review' }],
  ['a form id never deployed', { formId: 'never-deployed-form' }],
])('answers 204 for a user task with %s', async (_, link) => {
  const { processId } = await processWithForm(link);
  const task = await startAndWaitForTask(processId);
  expect(await getForm(`user-tasks/${task.userTaskKey}/form`)).toEqual({ status: 204 });
});

it('answers 404 for an unknown user task and an unknown process definition', async () => {
  expect(await getForm('user-tasks/2251799813999999/form')).toEqual({ status: 404 });
  expect(await getForm('process-definitions/2251799813999999/form')).toEqual({ status: 404 });
});

it("answers a process definition's start form, and 204 for one without", async () => {
  const formId = uniqueName('start-form');
  const formDeployment = await deploy([{ name: 'start.form', content: reviewForm(formId) }]);
  const withStartForm = await processWithForm(undefined, { formId });
  const without = await processWithForm(undefined);

  const answer = await getForm(`process-definitions/${withStartForm.processDefinitionKey}/form`);
  expect(answer.status).toBe(200);
  expect(formResponseSchema.parse((answer as { form: unknown }).form)).toMatchObject({
    formKey: formDeployment.forms[0]!.formKey,
    formId,
    version: 1,
  });
  expect(await getForm(`process-definitions/${without.processDefinitionKey}/form`)).toEqual({
    status: 204,
  });
});

it("deletes a form version with the SDK's deleteResource: the previous version is the start form again", async () => {
  const formId = uniqueName('start-form');
  const first = await deploy([{ name: 'start.form', content: reviewForm(formId) }]);
  const second = await deploy([{ name: 'start.form', content: reviewForm(formId, { label: 'Newer' }) }]);
  const { processDefinitionKey } = await processWithForm(undefined, { formId });
  const startFormVersion = async () =>
    formResponseSchema.parse(
      ((await getForm(`process-definitions/${processDefinitionKey}/form`)) as { form: unknown }).form,
    );
  expect((await startFormVersion()).version).toBe(2);

  const answer = await client().deleteResource({ resourceKey: second.forms[0]!.formKey });
  expect(answer.statusCode).toBe(200);
  expect(await startFormVersion()).toMatchObject({ formKey: first.forms[0]!.formKey, version: 1 });
  await expect(client().deleteResource({ resourceKey: second.forms[0]!.formKey })).rejects.toThrow(/404/);
});
