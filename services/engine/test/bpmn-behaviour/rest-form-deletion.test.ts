// End to end on the embedded runtime, and in the integration suite on Kafka + FerretDB: POST
// /v2/resources/{formKey}/deletion deletes a form version as Zeebe 8.8 does — gone from the
// lookups, the previous version the latest again (start forms and tasks created from now on link
// it), its version number never given again; a user task created before keeps the version it was
// linked to (Camunda links the form key when it creates the task).
import { deploymentResponseSchema, formResponseSchema } from '@baton/contracts';
import { uniqueName, waitFor } from '@baton/testing';
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

async function deploy(resources: { name: string; content: string }[]) {
  const answer = await deployThroughApi(server, resources);
  expect(answer.status).toBe(200);
  return deploymentResponseSchema.parse(answer.body).deployments;
}

async function deployForm(formId: string, label?: string) {
  const [entry] = await deploy([
    { name: 'review.form', content: reviewForm(formId, label === undefined ? {} : { label }) },
  ]);
  return entry!.form!;
}

/** Starts the process and answers its user task's key, once the task is created. */
async function startAndWaitForTask(processDefinitionId: string): Promise<string> {
  const created = await server.call('POST', '/v2/process-instances', { processDefinitionId });
  expect(created.status).toBe(200);
  const processInstanceKey = created.body.processInstanceKey as string;
  return waitFor(async () => {
    const found = await server.call('POST', '/v2/user-tasks/search', { filter: { processInstanceKey } });
    return (found.body.items as { userTaskKey: string }[] | undefined)?.[0]?.userTaskKey;
  });
}

async function linkedForm(path: string) {
  const answer = await server.call('GET', path);
  if (answer.status === 204) return 'none';
  expect(answer.status).toBe(200);
  return formResponseSchema.parse(answer.body);
}

const deleteResource = (key: string) => server.call('POST', `/v2/resources/${key}/deletion`, {});

it('deletes the latest form version: the previous one is the latest again, earlier tasks keep theirs', async () => {
  const formId = uniqueName('review-form');
  const processId = uniqueName('forms');
  const first = await deployForm(formId);
  const second = await deployForm(formId, 'Why?');
  expect(second.version).toBe(2);
  const [process] = await deploy([
    { name: `${processId}.bpmn`, content: formTaskBpmn(processId, { formId }, { formId }) },
  ]);
  const startFormPath = `/v2/process-definitions/${process!.processDefinition!.processDefinitionKey}/form`;
  const earlierTask = await startAndWaitForTask(processId);
  expect(await linkedForm(`/v2/user-tasks/${earlierTask}/form`)).toMatchObject({ formKey: second.formKey });

  const deleted = await deleteResource(second.formKey);
  expect(deleted.status).toBe(200);
  expect(deleted.body).toEqual({ resourceKey: second.formKey });

  // The start form and a task created now link the previous version; the earlier task keeps its own.
  expect(await linkedForm(startFormPath)).toMatchObject({ formKey: first.formKey, version: 1 });
  const laterTask = await startAndWaitForTask(processId);
  expect(await linkedForm(`/v2/user-tasks/${laterTask}/form`)).toMatchObject({ formKey: first.formKey });
  expect(await linkedForm(`/v2/user-tasks/${earlierTask}/form`)).toMatchObject({
    formKey: second.formKey,
    version: 2,
    schema: reviewForm(formId, { label: 'Why?' }),
  });

  // Deleted once: a second deletion finds nothing (Zeebe's NOT_FOUND).
  const again = await deleteResource(second.formKey);
  expect(again.status).toBe(404);
  expect(again.body).toMatchObject({ title: 'NOT_FOUND', status: 404 });

  // The deleted version's number is never given again, even to the same file.
  const redeployed = await deployForm(formId, 'Why?');
  expect(redeployed.version).toBe(3);
  expect(redeployed.formKey).not.toBe(second.formKey);
});

it('deletes the only version: the start form is gone, and a new deployment starts at the next version', async () => {
  const formId = uniqueName('start-form');
  const processId = uniqueName('forms');
  const only = await deployForm(formId);
  const [process] = await deploy([
    { name: `${processId}.bpmn`, content: formTaskBpmn(processId, undefined, { formId }) },
  ]);
  const startFormPath = `/v2/process-definitions/${process!.processDefinition!.processDefinitionKey}/form`;
  expect(await linkedForm(startFormPath)).toMatchObject({ formKey: only.formKey });

  expect((await deleteResource(only.formKey)).status).toBe(200);
  expect(await linkedForm(startFormPath)).toBe('none');
  expect((await deployForm(formId)).version).toBe(2);
});

it('answers 404 for a key that is no resource', async () => {
  const answer = await deleteResource('2251799813999999');
  expect(answer.status).toBe(404);
  expect(answer.body.detail).toBe(
    "Expected to delete resource but no resource found with key '2251799813999999'.",
  );
});
