// A user task linked to a deployed Camunda form, completed through the console in headless
// Chromium (Debian's, driven by playwright-core): the form is drawn by form-js with the instance's
// variables filled in, form-js refuses it while a required field is empty, and the values submitted
// are the instance's variables afterwards — read back over REST. Open mode (AUTH_MODE=none), so no
// sign-in; screenshots go to test-screenshots/console/.
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { uniqueName, waitFor } from '@baton/testing';
import { launchChromium, screenshotDir, uiTimeoutMs } from './console-browser';
import { startInProcessStack, type InProcessStack } from '../in-process-stack';

let stack: InProcessStack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  stack = await startInProcessStack({ serveConsole: true, authMode: 'none' });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
  page.setDefaultTimeout(uiTimeoutMs);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

function reviewForm(formId: string): string {
  return JSON.stringify({
    id: formId,
    type: 'default',
    schemaVersion: 16,
    components: [
      {
        id: 'Field_comment',
        key: 'comment',
        label: 'Comment',
        type: 'textfield',
        validate: { required: true },
      },
      { id: 'Field_amount', key: 'amount', label: 'Amount', type: 'number', validate: { min: 1, max: 1000 } },
      { id: 'Field_approved', key: 'approved', label: 'Approved', type: 'checkbox' },
    ],
  });
}

function reviewProcess(processId: string, formId: string, startFormId?: string): string {
  const startForm = startFormId
    ? `<bpmn:extensionElements><zeebe:formDefinition formId="${startFormId}" /></bpmn:extensionElements>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d_${processId}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="Start">${startForm}<bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="Review" name="Review the request">
      <bpmn:extensionElements><zeebe:userTask /><zeebe:formDefinition formId="${formId}" /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="End"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Review" />
    <bpmn:sequenceFlow id="f2" sourceRef="Review" targetRef="End" />
  </bpmn:process>
</bpmn:definitions>`;
}

async function rest(method: string, urlPath: string, body?: unknown): Promise<Response> {
  const init: RequestInit = { method, headers: {} };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'content-type': 'application/json' };
  }
  return fetch(`${stack.engineUrl}${urlPath}`, init);
}

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

it('completes a user task through its linked form: prefilled, validated, submitted values on the instance', async () => {
  const processId = uniqueName('review');
  const formId = uniqueName('review-form');
  const deployment = new FormData();
  deployment.append('resources', new Blob([reviewProcess(processId, formId)]), `${processId}.bpmn`);
  deployment.append('resources', new Blob([reviewForm(formId)]), 'review.form');
  expect((await rest('POST', '/v2/deployments', deployment)).status).toBe(200);
  const created = await rest('POST', '/v2/process-instances', {
    processDefinitionId: processId,
    variables: { comment: 'first look', amount: 120, requester: 'Ada' },
  });
  expect(created.status).toBe(200);
  const { processInstanceKey } = (await created.json()) as { processInstanceKey: string };

  await page.goto(`${stack.gatewayUrl}/#/instances/${processInstanceKey}`);
  const task = page.locator('.task[data-element-id="Review"]');
  const form = task.locator(`.linked-form[data-form-id="${formId}"]`);
  await form.waitFor();
  // Drawn by form-js, filled in from the instance's variables; the JSON field is gone.
  await expectValue(form.getByLabel('Comment'), 'first look');
  await expectValue(form.getByLabel('Amount'), '120');
  expect(await task.locator('textarea[name="variables"]').count()).toBe(0);
  await screenshot('forms-01-prefilled');

  // form-js validates: an empty required field keeps the task open.
  await form.getByLabel('Comment').fill('');
  await form.getByRole('button', { name: 'Complete' }).click();
  await form.locator('.fjs-form-field-error').first().waitFor();
  await screenshot('forms-02-invalid');
  const stillOpen = (await (await rest('GET', `/v2/process-instances/${processInstanceKey}`)).json()) as {
    state: string;
  };
  expect(stillOpen.state).toBe('ACTIVE');

  await form.getByLabel('Comment').fill('Looks good');
  await form.getByLabel('Amount').fill('42');
  await form.getByLabel('Approved').check();
  await form.getByRole('button', { name: 'Complete' }).click();

  await page
    .locator(`section.instance[data-instance-key="${processInstanceKey}"][data-state="COMPLETED"]`)
    .waitFor();
  await screenshot('forms-03-completed');
  const instance = (await (await rest('GET', `/v2/process-instances/${processInstanceKey}`)).json()) as {
    state: string;
    variables: Record<string, unknown>;
  };
  expect(instance.state).toBe('COMPLETED');
  expect(instance.variables).toEqual({
    comment: 'Looks good',
    amount: 42,
    approved: true,
    requester: 'Ada',
  });
  expect(pageErrors).toEqual([]);
}, 90_000);

it('starts an instance through the start form of a process, its data the instance variables', async () => {
  const processId = uniqueName('ordered');
  const formId = uniqueName('review-form');
  const startFormId = uniqueName('start-form');
  // Deployed through the console: the BPMN and both forms in one go, each named in the toast.
  await page.goto(`${stack.gatewayUrl}/#/definitions`);
  await page.setInputFiles('input[name="resources"]', [
    {
      name: `${processId}.bpmn`,
      mimeType: 'application/xml',
      buffer: Buffer.from(reviewProcess(processId, formId, startFormId)),
    },
    { name: 'review.form', mimeType: 'application/json', buffer: Buffer.from(reviewForm(formId)) },
    { name: 'start.form', mimeType: 'application/json', buffer: Buffer.from(reviewForm(startFormId)) },
  ]);
  await page.getByRole('button', { name: 'Deploy' }).click();
  await page
    .locator('#toasts')
    .filter({ hasText: `form ${startFormId} v1` })
    .waitFor();
  const card = page.locator(`[data-process-id="${processId}"]`);
  const form = card.locator(`.linked-form[data-form-id="${startFormId}"]`);
  await form.waitFor();
  expect(await card.locator('textarea[name="variables"]').isVisible()).toBe(false);
  await form.getByLabel('Comment').fill('Please ship fast');
  await form.getByLabel('Amount').fill('7');
  await screenshot('forms-04-start-form');
  await form.getByRole('button', { name: 'Start instance' }).click();

  await page.waitForURL(/#\/instances\/\d+$/);
  const processInstanceKey = new URL(page.url()).hash.replace('#/instances/', '');
  // The started instance's user task shows its own form, prefilled from what the start form sent.
  const taskForm = page.locator(`.task[data-element-id="Review"] .linked-form[data-form-id="${formId}"]`);
  await taskForm.waitFor();
  await expectValue(taskForm.getByLabel('Comment'), 'Please ship fast');
  const instance = (await (await rest('GET', `/v2/process-instances/${processInstanceKey}`)).json()) as {
    variables: Record<string, unknown>;
  };
  expect(instance.variables).toEqual({ comment: 'Please ship fast', amount: 7, approved: false });
  expect(pageErrors).toEqual([]);
}, 90_000);

/** Waits (with the UI deadline) until an input holds `value`. */
async function expectValue(locator: ReturnType<Page['locator']>, value: string): Promise<void> {
  await waitFor(async () => (await locator.inputValue()) === value || undefined, { timeoutMs: uiTimeoutMs });
}
