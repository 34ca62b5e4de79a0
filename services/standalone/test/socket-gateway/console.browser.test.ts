// The console in headless Chromium (Debian's, driven by playwright-core) against the standalone's
// services in this process, on a phone-sized screen: deploy a process, start an instance, see its
// user task highlighted, complete the task, and see the instance completed — all without a reload.
// Chromium comes from scripts/install-chromium.sh; screenshots go to test-screenshots/console/.
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { approvalProcessXml, testToken, uniqueName } from '@baton/testing';
import { WORKER_ROLE } from '@baton/platform';
import { launchChromium, screenshotDir, uiTimeoutMs } from './console-browser';
import { startInProcessStack, type InProcessStack } from '../in-process-stack';

let stack: InProcessStack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  stack = await startInProcessStack({ serveConsole: true });
  browser = await launchChromium();
  page = await browser.newPage({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
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

async function screenshot(name: string): Promise<void> {
  // From the top: the sticky header would otherwise be drawn mid-page in a full-page capture.
  await page.evaluate(() =>
    (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
  );
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

it('deploys, starts, shows the user task live, completes it and shows the instance completed, without a reload', async () => {
  const processId = uniqueName('approval');
  await page.goto(`${stack.gatewayUrl}/#/definitions`);
  // Authentication is on: the console asks for a token first (DESIGN §6).
  await signIn(page, await testToken());
  await page.locator('#connection[data-state="connected"]').waitFor();
  await expectText(page.locator('#user'), 'baton-operator');
  // Survives only as long as the page is not reloaded.
  await page.evaluate(() => ((globalThis as unknown as { pageMark: string }).pageMark = 'same page'));

  await page.setInputFiles('input[name="resources"]', {
    name: `${processId}.bpmn`,
    mimeType: 'application/xml',
    buffer: Buffer.from(approvalProcessXml(processId)),
  });
  await page.getByRole('button', { name: 'Deploy' }).click();
  const card = page.locator(`[data-process-id="${processId}"]`);
  await card.waitFor();
  await expectText(card.locator('.versions'), 'v1');
  await screenshot('01-deployed');

  await card.locator('textarea[name="variables"]').fill('{"amount": 120}');
  await card.getByRole('button', { name: 'Start instance' }).click();
  await page.waitForURL(/#\/instances\/\d+$/);
  const processInstanceKey = new URL(page.url()).hash.replace('#/instances/', '');
  const instance = page.locator(`section.instance[data-instance-key="${processInstanceKey}"]`);

  await page.locator('.djs-element.baton-active[data-element-id="Approve"]').waitFor();
  await page.locator('.djs-element.baton-completed[data-element-id="Start"]').waitFor();
  await expectText(page.locator('.token-count[data-element-id="Approve"]'), '1');
  await expectText(instance.locator('h1 .state'), 'ACTIVE');
  await expectText(instance.locator('.variables'), '"amount": 120');
  await screenshot('02-user-task-active');

  // Suspended and activated by an operator elsewhere (REST): the badge follows live.
  expect(await stack.setSuspended(processInstanceKey, true)).toBe(204);
  await instance.locator('h1 .state[data-suspended="true"]').waitFor();
  await expectText(instance.locator('h1 .state .suspended'), 'suspended');
  await screenshot('02b-suspended');
  expect(await stack.setSuspended(processInstanceKey, false)).toBe(204);
  await instance.locator('h1 .state[data-state="ACTIVE"]:not([data-suspended])').waitFor();

  await page.getByRole('link', { name: 'Tasks', exact: true }).click();
  await page.locator(`.task[data-element-id="Approve"] a:text("${processInstanceKey}")`).waitFor();
  await screenshot('03-task-list');
  await page.goBack();
  await page.locator('.djs-element.baton-active[data-element-id="Approve"]').waitFor();

  const task = instance.locator('.task[data-element-id="Approve"]');
  await task.locator('textarea[name="variables"]').fill('{"approved": true}');
  await task.getByRole('button', { name: 'Complete' }).click();

  await page
    .locator(`section.instance[data-instance-key="${processInstanceKey}"][data-state="COMPLETED"]`)
    .waitFor();
  await expectText(instance.locator('h1 .state'), 'COMPLETED');
  await page.locator('.djs-element.baton-completed[data-element-id="End"]').waitFor();
  await page.locator('.djs-element.baton-completed[data-element-id="Approve"]').waitFor();
  expect(await page.locator('.djs-element.baton-active').count()).toBe(0);
  expect(await page.locator('.token-count').count()).toBe(0);
  await expectText(instance.locator('.task-list'), 'No open user tasks.');
  await expectText(instance.locator('.variables'), '"approved": true');
  await screenshot('04-completed');

  await page.getByRole('link', { name: 'Instances', exact: true }).click();
  await expectText(page.locator(`tr[data-instance-key="${processInstanceKey}"] .state`), 'COMPLETED');
  await screenshot('05-instance-list');

  expect(await page.evaluate(() => (globalThis as unknown as { pageMark?: string }).pageMark)).toBe(
    'same page',
  );
  expect((await stack.engine.getInstance(processInstanceKey))?.variables[processInstanceKey]).toEqual({
    amount: 120,
    approved: true,
  });
  expect(pageErrors).toEqual([]);
}, 90_000);

it('refuses a token the API does not accept, and says why a signed-in worker may not deploy', async () => {
  const other = await browser.newPage();
  other.setDefaultTimeout(uiTimeoutMs);
  try {
    await other.goto(`${stack.gatewayUrl}/#/definitions`);
    await signIn(other, 'not-a-jwt');
    await expectText(
      other.locator('#login .login-error'),
      'This token is not accepted: Invalid bearer token',
    );
    expect(await other.locator('#view').isHidden()).toBe(true);

    await signIn(other, await testToken([WORKER_ROLE]));
    await other.locator('#connection[data-state="connected"]').waitFor();
    await other.setInputFiles('input[name="resources"]', {
      name: 'worker.bpmn',
      mimeType: 'application/xml',
      buffer: Buffer.from(approvalProcessXml(uniqueName('by-worker'))),
    });
    await other.getByRole('button', { name: 'Deploy' }).click();
    await expectText(
      other.locator('.toast-error'),
      'Not allowed: POST /v2/deployments needs the role baton-operator',
    );
    await other.screenshot({ path: path.join(screenshotDir, '06-worker-not-allowed.png'), fullPage: true });
  } finally {
    await other.close();
  }
}, 60_000);

it('does not offer a process marked isStartableInTasklist="false" in the start list', async () => {
  const processId = uniqueName('not-startable');
  const xml = approvalProcessXml(processId)
    .replace('<bpmn:definitions ', '<bpmn:definitions xmlns:camunda="http://camunda.org/schema/1.0/bpmn" ')
    .replace('isExecutable="true"', 'isExecutable="true" camunda:isStartableInTasklist="false"');
  await page.goto(`${stack.gatewayUrl}/#/definitions`);
  await page.setInputFiles('input[name="resources"]', {
    name: `${processId}.bpmn`,
    mimeType: 'application/xml',
    buffer: Buffer.from(xml),
  });
  await page.getByRole('button', { name: 'Deploy' }).click();
  const card = page.locator(`[data-process-id="${processId}"]`);
  await expectText(card.locator('.not-startable'), 'Not started from the console');
  expect(await card.getByRole('button', { name: 'Start instance' }).count()).toBe(0);
  expect(pageErrors).toEqual([]);
}, 60_000);

it('draws a model deployed without a diagram (BPMNDI), laid out automatically, with the instance on it', async () => {
  const processId = uniqueName('no-diagram');
  const xml = approvalProcessXml(processId).replace(/<bpmndi:BPMNDiagram[\s\S]*<\/bpmndi:BPMNDiagram>/, '');
  expect(xml).not.toContain('BPMNShape');
  await page.goto(`${stack.gatewayUrl}/#/definitions`);
  await page.setInputFiles('input[name="resources"]', {
    name: `${processId}.bpmn`,
    mimeType: 'application/xml',
    buffer: Buffer.from(xml),
  });
  await page.getByRole('button', { name: 'Deploy' }).click();
  const card = page.locator(`[data-process-id="${processId}"]`);
  await card.getByRole('button', { name: 'Start instance' }).click();
  await page.waitForURL(/#\/instances\/\d+$/);

  await page.locator('.djs-element.baton-active[data-element-id="Approve"]').waitFor();
  await expectText(page.locator('.token-count[data-element-id="Approve"]'), '1');
  await expectText(page.locator('.diagram-note'), 'Laid out automatically');
  // Each element drawn where it can be seen, in flow order from left to right.
  const start = await drawnBox(page, 'Start');
  const approve = await drawnBox(page, 'Approve');
  const end = await drawnBox(page, 'End');
  expect(start.x + start.width).toBeLessThanOrEqual(approve.x);
  expect(approve.x + approve.width).toBeLessThanOrEqual(end.x);
  expect(await page.locator('.djs-element.djs-connection[data-element-id="ToEnd"]').count()).toBe(1);
  expect(await page.getByText('Cannot draw the diagram').count()).toBe(0);
  await screenshot('07-laid-out-automatically');
  expect(pageErrors).toEqual([]);
}, 60_000);

it('opens without sign-in when the server runs with AUTH_MODE=none, and says so in the top bar', async () => {
  const open = await startInProcessStack({ serveConsole: true, authMode: 'none' });
  const other = await browser.newPage();
  other.setDefaultTimeout(uiTimeoutMs);
  try {
    await other.goto(`${open.gatewayUrl}/#/definitions`);
    await expectText(other.locator('#user'), 'open — no sign-in (AUTH_MODE=none)');
    await other.locator('#connection[data-state="connected"]').waitFor();
    expect(await other.locator('#login').isHidden()).toBe(true);

    // Deploying (REST) and following the instance (the socket) both work without a token.
    const processId = uniqueName('open');
    await other.setInputFiles('input[name="resources"]', {
      name: `${processId}.bpmn`,
      mimeType: 'application/xml',
      buffer: Buffer.from(approvalProcessXml(processId)),
    });
    await other.getByRole('button', { name: 'Deploy' }).click();
    await other
      .locator(`[data-process-id="${processId}"]`)
      .getByRole('button', { name: 'Start instance' })
      .click();
    await other.locator('.djs-element.baton-active[data-element-id="Approve"]').waitFor();
    expect(
      await other.evaluate(() =>
        (
          globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }
        ).sessionStorage.getItem('baton.token'),
      ),
    ).toBeNull();
    await other.screenshot({ path: path.join(screenshotDir, '08-open-mode.png'), fullPage: true });
  } finally {
    await other.close();
    await open.close();
  }
}, 60_000);

/** Pastes a token into the sign-in form and submits it. */
async function signIn(target: Page, token: string): Promise<void> {
  await target.locator('#login textarea[name="token"]').fill(token);
  await target.locator('#login').getByRole('button', { name: 'Sign in' }).click();
}

/** Where an element's shape is on the screen; fails when it is not drawn or has no size. */
async function drawnBox(
  target: Page,
  elementId: string,
): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await target.locator(`.djs-element.djs-shape[data-element-id="${elementId}"]`).boundingBox();
  if (box === null || box.width === 0 || box.height === 0)
    throw new Error(`${elementId} is not drawn on the diagram`);
  return box;
}

/** Waits until the element's text contains `text` (a deadline, no sleeps). */
async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor();
}
