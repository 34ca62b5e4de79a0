// An instance migrated by an operator over REST (issue 16 item 2), shown live in the console in
// headless Chromium: the open instance page draws the target version's diagram with the instance's
// token on the element it was mapped to, without a reload. Screenshots at desktop and phone width
// go to test-screenshots/console/.
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { testToken, uniqueName } from '@baton/testing';
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

/**
 * Version 1: start → service task `work` → end `done`. Version 2: start → service task `call`
 * (same job type) → user task `review` → end `done`. Without a diagram: the console lays them out.
 */
function orderXml(processId: string, jobType: string, version: 1 | 2): string {
  const task = version === 1 ? 'work' : 'call';
  const review =
    version === 2
      ? `<bpmn:userTask id="review" name="Review by hand"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>
    <bpmn:sequenceFlow id="toReview" sourceRef="${task}" targetRef="review" />
    <bpmn:sequenceFlow id="toDone" sourceRef="review" targetRef="done" />`
      : `<bpmn:sequenceFlow id="toDone" sourceRef="${task}" targetRef="done" />`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_${processId}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${processId}" name="Order v${version}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:serviceTask id="${task}" name="Call the partner"><bpmn:extensionElements><zeebe:taskDefinition type="${jobType}" /></bpmn:extensionElements></bpmn:serviceTask>
    <bpmn:endEvent id="done" />
    <bpmn:sequenceFlow id="toWork" sourceRef="start" targetRef="${task}" />
    ${review}
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

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

it('draws a migrated instance on the target version, its token on the mapped element, live', async () => {
  const processId = uniqueName('order');
  const jobType = uniqueName('partner');
  await stack.engine.deploy([{ name: `${processId}.bpmn`, content: orderXml(processId, jobType, 1) }]);
  const created = await rest('POST', '/v2/process-instances', { processDefinitionId: processId });
  expect(created.status).toBe(200);
  const { processInstanceKey } = (await created.json()) as { processInstanceKey: string };
  const v2 = await stack.engine.deploy([
    { name: `${processId}.bpmn`, content: orderXml(processId, jobType, 2) },
  ]);
  const target = v2.processes[0]!;

  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(uiTimeoutMs);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  try {
    await page.goto(`${stack.gatewayUrl}/#/instances/${processInstanceKey}`);
    await page.locator('#login textarea[name="token"]').fill(await testToken());
    await page.locator('#login').getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.djs-element.baton-active[data-element-id="work"]').waitFor();
    expect(await page.locator('.djs-element[data-element-id="review"]').count()).toBe(0);
    // Survives only as long as the page is not reloaded.
    await page.evaluate(() => ((globalThis as unknown as { pageMark: string }).pageMark = 'same page'));

    const migrated = await rest('POST', `/v2/process-instances/${processInstanceKey}/migration`, {
      targetProcessDefinitionKey: target.processDefinitionKey,
      mappingInstructions: [{ sourceElementId: 'work', targetElementId: 'call' }],
    });
    expect(migrated.status).toBe(204);

    // The page now draws version 2: the token is on `call`, and `review` (only in version 2) is there.
    await page.locator('.djs-element.baton-active[data-element-id="call"]').waitFor();
    await page.locator('.djs-element[data-element-id="work"]').waitFor({ state: 'detached' });
    expect(await page.locator('.djs-element[data-element-id="review"]').count()).toBe(1);
    expect(await page.locator('.token-count[data-element-id="call"]').textContent()).toBe('1');
    expect(await page.evaluate(() => (globalThis as unknown as { pageMark?: string }).pageMark)).toBe(
      'same page',
    );
    await shoot(page, 'migrated-desktop');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.locator('.djs-element.baton-active[data-element-id="call"]').waitFor();
    await shoot(page, 'migrated-phone');
    expect(pageErrors).toEqual([]);
  } finally {
    await page.close();
  }
}, 90_000);
