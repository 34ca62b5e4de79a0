// Incidents in the console, in headless Chromium against the standalone's services in this process:
// a job failed with no retries left raises an incident; an operator finds it in the list across
// instances (filtered by process), opens its instance (the element marked on the diagram, the
// incident beside it), fixes a variable, raises the job's retries and resolves it from the console
// — and a worker then completes the job, so the instance completes (asserted over REST). A worker
// sees incidents read-only; a caller without the worker role gets the API's 403. Screenshots at
// desktop and phone width go to test-screenshots/console/.
import path from 'node:path';
import { type Browser, type Locator, type Page } from 'playwright-core';
import { incidentSearchResponseSchema, processInstanceDetailSchema } from '@baton/contracts';
import { WORKER_ROLE } from '@baton/platform';
import { testToken, uniqueName, waitFor } from '@baton/testing';
import { launchChromium, screenshotDir, uiTimeoutMs } from './console-browser';
import { startInProcessStack, type InProcessStack } from '../in-process-stack';

let stack: InProcessStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startInProcessStack({ serveConsole: true });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** start → service task `charge` (one retry) → end, without a diagram (the console lays it out). */
function chargeProcessXml(processId: string, jobType: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_${processId}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${processId}" name="Charge" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>toCharge</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="charge" name="Charge the card">
      <bpmn:extensionElements><zeebe:taskDefinition type="${jobType}" retries="1" /></bpmn:extensionElements>
      <bpmn:incoming>toCharge</bpmn:incoming><bpmn:outgoing>toDone</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:endEvent id="done"><bpmn:incoming>toDone</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="toCharge" sourceRef="start" targetRef="charge" />
    <bpmn:sequenceFlow id="toDone" sourceRef="charge" targetRef="done" />
  </bpmn:process>
</bpmn:definitions>
`;
}

async function rest(method: string, pathAndQuery: string, body?: unknown): Promise<Response> {
  return fetch(`${stack.engineUrl}${pathAndQuery}`, {
    method,
    headers: { ...stack.authHeaders, 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
}

interface ActivatedJob {
  jobKey: string;
  processInstanceKey: string;
  retries: number;
  variables: Record<string, unknown>;
}

/** The job of `jobType`, activated by a worker over REST (long-polling until there is one). */
async function activateJob(jobType: string): Promise<ActivatedJob> {
  return waitFor(
    async () => {
      const answer = await rest('POST', '/v2/jobs/activation', {
        type: jobType,
        worker: 'incidents-test',
        timeout: 60_000,
        maxJobsToActivate: 1,
        requestTimeout: 1000,
      });
      return ((await answer.json()) as { jobs: ActivatedJob[] }).jobs[0];
    },
    { description: `a ${jobType} job`, timeoutMs: uiTimeoutMs },
  );
}

/** Deploys the charge process, starts it with `amount`, and fails its job with no retries left. */
async function instanceWithIncident(
  errorMessage: string,
): Promise<{ processId: string; jobType: string; processInstanceKey: string; jobKey: string }> {
  const processId = uniqueName('charge');
  const jobType = uniqueName('charge-card');
  await stack.engine.deploy([{ name: `${processId}.bpmn`, content: chargeProcessXml(processId, jobType) }]);
  const created = await rest('POST', '/v2/process-instances', {
    processDefinitionId: processId,
    variables: { amount: 120 },
  });
  expect(created.status).toBe(200);
  const { processInstanceKey } = (await created.json()) as { processInstanceKey: string };
  const job = await activateJob(jobType);
  expect((await rest('POST', `/v2/jobs/${job.jobKey}/failure`, { retries: 0, errorMessage })).status).toBe(
    204,
  );
  await waitFor(
    async () => {
      const answer = await rest('POST', '/v2/incidents/search', { filter: { processInstanceKey } });
      return incidentSearchResponseSchema.parse(await answer.json()).items.length === 1;
    },
    { description: 'the incident raised', timeoutMs: uiTimeoutMs },
  );
  return { processId, jobType, processInstanceKey, jobKey: job.jobKey };
}

async function openConsole(token: string, hash: string, viewport = { width: 1280, height: 800 }) {
  const page = await browser.newPage({ viewport });
  page.setDefaultTimeout(uiTimeoutMs);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${stack.gatewayUrl}/${hash}`);
  await page.locator('#login textarea[name="token"]').fill(token);
  await page.locator('#login').getByRole('button', { name: 'Sign in' }).click();
  return { page, pageErrors };
}

/** Waits until the element's text contains `text` (a deadline, no sleeps). */
async function expectText(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor();
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() =>
    (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
  );
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

it('lists an incident across instances, and on its instance fixes a variable, raises the retries and resolves it, after which the instance completes', async () => {
  const failing = await instanceWithIncident('card declined: stock unknown');
  const other = await instanceWithIncident('another process failed');

  const { page, pageErrors } = await openConsole(await testToken(), '#/incidents');
  try {
    // Across instances: both incidents, then only the chosen process's.
    const card = page.locator(`.incident-card[data-element-id="charge"]`, {
      has: page.locator(`a:text("${failing.processInstanceKey}")`),
    });
    await expectText(card.locator('.incident-message'), 'card declined: stock unknown');
    await expectText(card, failing.processId);
    await expectText(card.locator('h3'), 'JOB_NO_RETRIES');
    await page
      .locator('.incident-card', { has: page.locator(`a:text("${other.processInstanceKey}")`) })
      .waitFor();
    await page.locator('select[name="process"]').selectOption(failing.processId);
    await page.locator('.incident-list[data-count="1"]').waitFor();
    await card.waitFor();
    expect(await page.getByText('another process failed').count()).toBe(0);
    await screenshot(page, '11-incidents-desktop');

    // On the instance: the element marked on the diagram, the incident beside it.
    await card.getByRole('link', { name: failing.processInstanceKey }).click();
    await page.waitForURL(new RegExp(`#/instances/${failing.processInstanceKey}$`));
    await page.locator('.djs-element.baton-incident[data-element-id="charge"]').waitFor();
    const panel = page.locator('aside.instance-incidents');
    const incident = panel.locator('.incident-card[data-element-id="charge"]');
    await expectText(incident.locator('.incident-message'), 'card declined: stock unknown');
    await expectText(panel.locator('h2'), 'Incidents (1)');

    // Resolving while the job has no retries: the API's problem detail is shown on the incident.
    await incident.getByRole('button', { name: 'Resolve' }).click();
    await expectText(incident.locator('.incident-outcome.error'), 'has no retries left');

    // Variables: the root scope's, checked while typing, only the change sent.
    await incident.locator('summary', { hasText: 'Edit variables' }).click();
    const editor = incident.locator('form.variables-editor');
    const variables = editor.locator('textarea[name="variables"]');
    await expectText(editor.locator('.json-check'), 'Nothing changed yet');
    expect(JSON.parse(await variables.inputValue())).toEqual({ amount: 120 });
    await variables.fill('{"amount": 120, "stock": ');
    await expectText(editor.locator('.json-check.error'), 'Variables are not valid JSON');
    expect(await editor.getByRole('button', { name: 'Save variables' }).isDisabled()).toBe(true);
    await variables.fill('{"stock": 5}');
    await expectText(editor.locator('.json-check.error'), 'set amount to null instead');
    await variables.fill('{"amount": 120, "stock": 5}');
    await expectText(editor.locator('.json-check'), 'Changed: stock.');
    await editor.getByRole('button', { name: 'Save variables' }).click();
    await expectText(incident.locator('.incident-outcome.ok'), 'Set stock in Instance');
    await expectText(page.locator('.variables'), '"stock": 5');
    // The failed element's own scope: empty, and what is set there stays local to the task.
    await editor.locator('select[name="scope"]').selectOption({ label: 'charge (its own scope)' });
    await incident.locator('form.variables-editor[data-scope="element"]').waitFor();
    await expectText(editor.locator('.json-check'), 'Nothing changed yet');
    expect(JSON.parse(await variables.inputValue())).toEqual({});
    await variables.fill('{"attempt": 2}');
    await editor.getByRole('button', { name: 'Save variables' }).click();
    await expectText(incident.locator('.incident-outcome.ok'), 'Set attempt in charge (its own scope).');

    // Retries raised from the console.
    await incident.locator('input[name="retries"]').fill('2');
    await incident.getByRole('button', { name: 'Update retries' }).click();
    await expectText(incident.locator('.incident-outcome.ok'), `Job ${failing.jobKey} has 2 retries now`);
    await screenshot(page, '12-incident-on-instance-desktop');

    // At phone width (opened there: the diagram fits the screen it is drawn on).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.locator('.djs-element.baton-incident[data-element-id="charge"]').waitFor();
    await expectText(incident.locator('.incident-message'), 'card declined: stock unknown');
    await screenshot(page, '13-incident-on-instance-phone');

    // Resolved from the console: the incident and its marker go, the job runs again.
    await incident.getByRole('button', { name: 'Resolve' }).click();
    await panel.waitFor({ state: 'hidden' });
    expect(await page.locator('.djs-element.baton-incident').count()).toBe(0);

    const again = await activateJob(failing.jobType);
    expect(again).toMatchObject({ jobKey: failing.jobKey, retries: 2 });
    expect(again.variables).toEqual({ amount: 120, stock: 5, attempt: 2 });
    expect((await rest('POST', `/v2/jobs/${again.jobKey}/completion`, {})).status).toBe(204);
    const completed = await waitFor(
      async () => {
        const answer = await rest('GET', `/v2/process-instances/${failing.processInstanceKey}`);
        const instance = processInstanceDetailSchema.parse(await answer.json());
        return instance.state === 'COMPLETED' ? instance : undefined;
      },
      { description: 'the instance completed', timeoutMs: uiTimeoutMs },
    );
    expect(completed.hasIncident).toBe(false);
    // `attempt` lived in the task's scope and ended with it; the root holds what was set there.
    expect(completed.variables).toEqual({ amount: 120, stock: 5 });
    await page.locator(`section.instance[data-state="COMPLETED"]`).waitFor();
    expect(pageErrors).toEqual([]);
  } finally {
    await page.close();
  }
}, 120_000);

it('shows incidents read-only to a worker, with the reason, and the API’s 403 to a caller without the worker role', async () => {
  const failing = await instanceWithIncident('read-only check');

  const worker = await openConsole(await testToken([WORKER_ROLE], { subject: 'wendy' }), '#/incidents');
  try {
    const card = worker.page.locator('.incident-card', {
      has: worker.page.locator(`a:text("${failing.processInstanceKey}")`),
    });
    await expectText(card.locator('.incident-message'), 'read-only check');
    await expectText(card.locator('.read-only'), 'need the role baton-operator; you have baton-worker');
    for (const name of ['Resolve', 'Update retries']) {
      const button = card.getByRole('button', { name });
      expect(await button.isDisabled()).toBe(true);
      expect(await button.getAttribute('title')).toContain('need the role baton-operator');
    }
    await card.locator('summary', { hasText: 'Edit variables' }).click();
    await expectText(card.locator('.json-check'), 'Nothing changed yet');
    await card.locator('textarea[name="variables"]').fill('{"amount": 1}');
    await expectText(card.locator('.json-check'), 'Changed: amount.');
    expect(await card.getByRole('button', { name: 'Save variables' }).isDisabled()).toBe(true);
    await screenshot(worker.page, '14-incidents-read-only');
    expect(worker.pageErrors).toEqual([]);
  } finally {
    await worker.page.close();
  }

  const starter = await openConsole(await testToken(['sales']), '#/incidents');
  try {
    await expectText(
      starter.page.locator('.incident-list .error'),
      'Not allowed: POST /v2/incidents/search needs the role baton-worker or baton-operator',
    );
  } finally {
    await starter.page.close();
  }
}, 90_000);
