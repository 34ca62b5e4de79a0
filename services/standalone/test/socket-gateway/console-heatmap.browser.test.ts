// The console's heatmap in headless Chromium against the standalone's services in this process:
// four instances of start → service task → end (one completed, one with an incident, one waiting,
// one canceled) drawn as counts on the definition's diagram, equal to what the REST statistics
// answer — and following live when another instance starts. Screenshots at desktop and phone
// width go to test-screenshots/console/.
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { processDefinitionStatisticsResponseSchema } from '@baton/contracts';
import { testToken, uniqueName, waitFor } from '@baton/testing';
import { launchChromium, screenshotDir, uiTimeoutMs } from './console-browser';
import { startInProcessStack, type InProcessStack } from '../in-process-stack';

let stack: InProcessStack;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  stack = await startInProcessStack({ serveConsole: true });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** start → service task `work` → end `done`, without a diagram (the console lays it out). */
function workProcessXml(processId: string, jobType: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_${processId}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${processId}" name="Heatmap" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>toWork</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="work" name="Do the work">
      <bpmn:extensionElements><zeebe:taskDefinition type="${jobType}" retries="1" /></bpmn:extensionElements>
      <bpmn:incoming>toWork</bpmn:incoming><bpmn:outgoing>toDone</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:endEvent id="done"><bpmn:incoming>toDone</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="toWork" sourceRef="start" targetRef="work" />
    <bpmn:sequenceFlow id="toDone" sourceRef="work" targetRef="done" />
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

async function startInstance(processId: string): Promise<string> {
  const answer = await rest('POST', '/v2/process-instances', { processDefinitionId: processId });
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { processInstanceKey: string }).processInstanceKey;
}

type Counts = Record<string, number>;

/** The REST statistics as `elementId/kind → count`, zero counts left out (no badge is drawn for them). */
async function restCounts(processDefinitionKey: string): Promise<Counts> {
  const answer = await rest(
    'POST',
    `/v2/process-definitions/${processDefinitionKey}/statistics/element-instances`,
    {},
  );
  expect(answer.status).toBe(200);
  const { items } = processDefinitionStatisticsResponseSchema.parse(await answer.json());
  const counts: Counts = {};
  for (const item of items)
    for (const kind of ['active', 'incidents', 'canceled', 'completed'] as const)
      if (item[kind] > 0) counts[`${item.elementId}/${kind}`] = item[kind];
  return counts;
}

/** The badges drawn on the diagram, in the same form. */
async function drawnCounts(page: Page): Promise<Counts> {
  const badges = await page
    .locator('.diagram .heat-count[data-element-id]')
    .evaluateAll((elements) =>
      elements.map((element) => [
        `${element.getAttribute('data-element-id')}/${element.getAttribute('data-kind')}`,
        Number(element.textContent),
      ]),
    );
  return Object.fromEntries(badges) as Counts;
}

it('draws the count of active, incident, canceled and completed element instances per element, as the REST statistics, live', async () => {
  const processId = uniqueName('heatmap');
  const jobType = uniqueName('heatmap-work');
  const deployed = await stack.engine.deploy([
    { name: `${processId}.bpmn`, content: workProcessXml(processId, jobType) },
  ]);
  const processDefinitionKey = deployed.processes[0]!.processDefinitionKey;
  const completed = await startInstance(processId);
  const failing = await startInstance(processId);
  await startInstance(processId);
  const canceled = await startInstance(processId);
  const jobs = await waitFor(
    async () => {
      const answer = await rest('POST', '/v2/jobs/activation', {
        type: jobType,
        worker: 'heatmap-test',
        timeout: 60_000,
        maxJobsToActivate: 10,
        requestTimeout: 1000,
      });
      const activated = ((await answer.json()) as { jobs: { jobKey: string; processInstanceKey: string }[] })
        .jobs;
      return activated.length === 4 ? activated : undefined;
    },
    { description: 'the four jobs', timeoutMs: uiTimeoutMs },
  );
  const jobOf = (processInstanceKey: string) =>
    jobs.find((job) => job.processInstanceKey === processInstanceKey)!.jobKey;
  expect((await rest('POST', `/v2/jobs/${jobOf(completed)}/completion`, {})).status).toBe(204);
  expect(
    (await rest('POST', `/v2/jobs/${jobOf(failing)}/failure`, { retries: 0, errorMessage: 'no stock' }))
      .status,
  ).toBe(204);
  expect((await rest('POST', `/v2/process-instances/${canceled}/cancellation`, {})).status).toBe(204);
  const expected = { 'work/active': 1, 'work/incidents': 1, 'work/canceled': 1, 'done/completed': 1 };
  await waitFor(
    async () => JSON.stringify(await restCounts(processDefinitionKey)) === JSON.stringify(expected),
    {
      description: 'the four instances settled',
      timeoutMs: uiTimeoutMs,
    },
  );

  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(uiTimeoutMs);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  try {
    await page.goto(`${stack.gatewayUrl}/#/definitions`);
    await page.locator('#login textarea[name="token"]').fill(await testToken());
    await page.locator('#login').getByRole('button', { name: 'Sign in' }).click();
    // From the list: a version opens its heatmap.
    await page.locator(`[data-process-id="${processId}"] .versions a`, { hasText: 'v1' }).click();
    await page.waitForURL(new RegExp(`#/definitions/${processDefinitionKey}$`));
    await page.locator('.heat-count[data-element-id="work"][data-kind="incidents"]').waitFor();
    await page.locator('.heat-count[data-element-id="done"][data-kind="completed"]').waitFor();

    expect(await drawnCounts(page)).toEqual(await restCounts(processDefinitionKey));
    expect(await drawnCounts(page)).toEqual(expected);
    expect(
      await page.locator('.heat-table tr[data-element-id="work"] td[data-kind="canceled"]').textContent(),
    ).toBe('1');
    await page.screenshot({ path: path.join(screenshotDir, '09-heatmap-desktop.png'), fullPage: true });

    // Live: another instance waits at the task, and the badge follows without a reload.
    await startInstance(processId);
    await page.locator('.heat-count[data-element-id="work"][data-kind="active"]', { hasText: '2' }).waitFor();
    expect(await drawnCounts(page)).toEqual(await restCounts(processDefinitionKey));

    // At phone width (opened there: the diagram fits the screen it is drawn on).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.locator('.heat-count[data-element-id="work"][data-kind="active"]', { hasText: '2' }).waitFor();
    expect(await drawnCounts(page)).toEqual(await restCounts(processDefinitionKey));
    await page.screenshot({ path: path.join(screenshotDir, '10-heatmap-phone.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  } finally {
    await page.close();
  }
}, 90_000);
