// An instance changed by an operator over REST, shown live in the console in headless Chromium:
// process instance modification (issue 16) moves the token from a service task to a user task
// further on, and the open instance page draws it there without a reload. Screenshots at desktop
// and phone width go to test-screenshots/console/.
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { elementInstanceSearchResponseSchema } from '@baton/contracts';
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

/** start → service task `work` → user task `review` → end `done`, without a diagram (the console lays it out). */
function reviewProcessXml(processId: string, jobType: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_${processId}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${processId}" name="Stuck work" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>toWork</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="work" name="Call the partner">
      <bpmn:extensionElements><zeebe:taskDefinition type="${jobType}" /></bpmn:extensionElements>
      <bpmn:incoming>toWork</bpmn:incoming><bpmn:outgoing>toReview</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:userTask id="review" name="Review by hand">
      <bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements>
      <bpmn:incoming>toReview</bpmn:incoming><bpmn:outgoing>toDone</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="done"><bpmn:incoming>toDone</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="toWork" sourceRef="start" targetRef="work" />
    <bpmn:sequenceFlow id="toReview" sourceRef="work" targetRef="review" />
    <bpmn:sequenceFlow id="toDone" sourceRef="review" targetRef="done" />
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

/** The key of the instance's active element instance of `elementId`, once there is one. */
async function activeElementInstanceKey(processInstanceKey: string, elementId: string): Promise<string> {
  return waitFor(
    async () => {
      const answer = await rest('POST', '/v2/element-instances/search', {
        filter: { processInstanceKey, elementId, state: 'ACTIVE' },
      });
      expect(answer.status).toBe(200);
      const { items } = elementInstanceSearchResponseSchema.parse(await answer.json());
      return items[0]?.elementInstanceKey;
    },
    { description: `an active element instance of ${elementId}`, timeoutMs: uiTimeoutMs },
  );
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

it('draws a modified instance where the operator put its token, live', async () => {
  const processId = uniqueName('stuck');
  await stack.engine.deploy([
    { name: `${processId}.bpmn`, content: reviewProcessXml(processId, uniqueName('partner')) },
  ]);
  const created = await rest('POST', '/v2/process-instances', { processDefinitionId: processId });
  expect(created.status).toBe(200);
  const { processInstanceKey } = (await created.json()) as { processInstanceKey: string };
  const workKey = await activeElementInstanceKey(processInstanceKey, 'work');

  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(uiTimeoutMs);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  try {
    await page.goto(`${stack.gatewayUrl}/#/instances/${processInstanceKey}`);
    await page.locator('#login textarea[name="token"]').fill(await testToken());
    await page.locator('#login').getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.djs-element.baton-active[data-element-id="work"]').waitFor();
    expect(await page.locator('.djs-element.baton-active[data-element-id="review"]').count()).toBe(0);
    // Survives only as long as the page is not reloaded.
    await page.evaluate(() => ((globalThis as unknown as { pageMark: string }).pageMark = 'same page'));

    // The partner is down: an operator skips the call and hands the case to a person.
    const modified = await rest('POST', `/v2/process-instances/${processInstanceKey}/modification`, {
      activateInstructions: [{ elementId: 'review' }],
      terminateInstructions: [{ elementInstanceKey: workKey }],
    });
    expect(modified.status).toBe(204);

    await page.locator('.djs-element.baton-active[data-element-id="review"]').waitFor();
    await page.locator('.djs-element.baton-active[data-element-id="work"]').waitFor({ state: 'detached' });
    expect(await page.locator('.token-count[data-element-id="review"]').textContent()).toBe('1');
    expect(await page.locator('.token-count[data-element-id="work"]').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as { pageMark?: string }).pageMark)).toBe(
      'same page',
    );
    // What the page draws is what the engine holds.
    expect(await activeElementInstanceKey(processInstanceKey, 'review')).toMatch(/^\d+$/);
    await shoot(page, '13-modified-desktop');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.locator('.djs-element.baton-active[data-element-id="review"]').waitFor();
    await shoot(page, '14-modified-phone');
    expect(pageErrors).toEqual([]);
  } finally {
    await page.close();
  }
}, 90_000);
