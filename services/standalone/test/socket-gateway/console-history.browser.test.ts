// The console's instance timeline in headless Chromium against the standalone's services in this
// process (issue 17 item 3): an order instance whose amount an operator changed and which they
// suspended and activated before its job completed. The timeline beside the diagram lists every
// event — the variable change before → after and the suspension with the operator's name (the
// subject of the token their calls carried) — and clicking an earlier entry draws the token where
// it was then and shows the variables as they were. Screenshots at desktop and phone width go to
// test-screenshots/console/.
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { OPERATOR_ROLE, WORKER_ROLE } from '@baton/platform';
import { testToken, uniqueName, waitFor } from '@baton/testing';
import { launchChromium, screenshotDir, uiTimeoutMs } from './console-browser';
import { startInProcessStack, type InProcessStack } from '../in-process-stack';

/** The operator: the subject of the token the REST calls of this test carry. */
const OPERATOR = 'operator-olga';

let stack: InProcessStack;
let browser: Browser;
let operatorHeaders: Record<string, string>;
const pageErrors: string[] = [];

beforeAll(async () => {
  stack = await startInProcessStack({ serveConsole: true });
  operatorHeaders = {
    authorization: `Bearer ${await testToken([OPERATOR_ROLE, WORKER_ROLE], { subject: OPERATOR })}`,
  };
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

/** start → service task `work` → end `done`. */
function orderProcessXml(processId: string, jobType: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_${processId}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${processId}" name="Order" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>toWork</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="work" name="Check the order">
      <bpmn:extensionElements><zeebe:taskDefinition type="${jobType}" /></bpmn:extensionElements>
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
    headers: { ...operatorHeaders, 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
}

async function expectNoContent(answer: Promise<Response>): Promise<void> {
  expect((await answer).status).toBe(204);
}

/** The variables pane, parsed. */
async function shownVariables(page: Page): Promise<unknown> {
  return JSON.parse((await page.locator('pre.variables').textContent()) ?? 'null') as unknown;
}

it("lists the instance's events with the variable change and the operator's suspension, and replays an earlier moment", async () => {
  const processId = uniqueName('order');
  const jobType = uniqueName('check');
  await stack.engine.deploy([{ name: `${processId}.bpmn`, content: orderProcessXml(processId, jobType) }]);
  const created = await rest('POST', '/v2/process-instances', {
    processDefinitionId: processId,
    variables: { amount: 10 },
  });
  expect(created.status).toBe(200);
  const { processInstanceKey } = (await created.json()) as { processInstanceKey: string };
  await expectNoContent(
    rest('PUT', `/v2/element-instances/${processInstanceKey}/variables`, { variables: { amount: 25 } }),
  );
  await expectNoContent(
    rest('PUT', `/v2/process-instances/${processInstanceKey}/suspension`, { suspended: true }),
  );
  await expectNoContent(
    rest('PUT', `/v2/process-instances/${processInstanceKey}/suspension`, { suspended: false }),
  );
  const jobKey = await waitFor(
    async () => {
      const answer = await rest('POST', '/v2/jobs/activation', {
        type: jobType,
        worker: 'history-test',
        timeout: 60_000,
        maxJobsToActivate: 1,
        requestTimeout: 1000,
      });
      return ((await answer.json()) as { jobs: { jobKey: string }[] }).jobs[0]?.jobKey;
    },
    { description: 'the order job', timeoutMs: uiTimeoutMs },
  );
  await expectNoContent(rest('POST', `/v2/jobs/${jobKey}/completion`, { variables: { approved: true } }));

  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(uiTimeoutMs);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  try {
    await page.goto(`${stack.gatewayUrl}/#/instances/${processInstanceKey}`);
    await page.locator('#login textarea[name="token"]').fill(await testToken());
    await page.locator('#login').getByRole('button', { name: 'Sign in' }).click();
    const timeline = page.locator('.instance-timeline');
    const entry = (command: string) => timeline.locator(`li[data-command="${command}"]`);
    // The last event reaches the timeline a moment after the instance completed.
    await entry('COMPLETE_JOB').waitFor();
    expect(
      await Promise.all(
        (await timeline.locator('li[data-command]').all()).map((item) => item.getAttribute('data-command')),
      ),
    ).toEqual(['CREATE_INSTANCE', 'SET_VARIABLES', 'SUSPEND_INSTANCE', 'ACTIVATE_INSTANCE', 'COMPLETE_JOB']);
    expect(await entry('SET_VARIABLES').locator('[data-variable="amount"]').textContent()).toBe(
      'amount: 10 → 25',
    );
    expect(await entry('SET_VARIABLES').locator('.timeline-actor').textContent()).toBe(` by ${OPERATOR}`);
    expect(await entry('SUSPEND_INSTANCE').locator('.timeline-entry').innerText()).toMatch(
      new RegExp(`^Suspended by ${OPERATOR}`),
    );
    // Live: the instance has ended, no token is drawn and the variables are the final ones.
    await page.locator('section.instance[data-state="COMPLETED"]').waitFor();
    await waitFor(
      async () =>
        JSON.stringify(await shownVariables(page)) === JSON.stringify({ amount: 25, approved: true }),
      {
        description: 'the final variables',
        timeoutMs: uiTimeoutMs,
      },
    );
    expect(await page.locator('.diagram .token-count').count()).toBe(0);
    await page.screenshot({ path: path.join(screenshotDir, '12-history-desktop.png'), fullPage: true });

    // The first event: the token waits at the service task, the amount is 10.
    await entry('CREATE_INSTANCE').locator('.timeline-entry').click();
    await page.locator('.diagram .token-count[data-element-id="work"]').waitFor();
    await waitFor(async () => JSON.stringify(await shownVariables(page)) === JSON.stringify({ amount: 10 }), {
      description: 'the variables at the start',
      timeoutMs: uiTimeoutMs,
    });
    await page.screenshot({
      path: path.join(screenshotDir, '13-history-replayed-desktop.png'),
      fullPage: true,
    });
    // After the operator's change: still at the task, the amount is 25.
    await entry('SET_VARIABLES').locator('.timeline-entry').click();
    await waitFor(async () => JSON.stringify(await shownVariables(page)) === JSON.stringify({ amount: 25 }), {
      description: 'the variables after the change',
      timeoutMs: uiTimeoutMs,
    });
    expect(await page.locator('.diagram .token-count[data-element-id="work"]').count()).toBe(1);
    // Back to live: the token is gone again.
    await page.getByRole('button', { name: 'Back to live' }).click();
    await page.locator('.diagram .token-count').waitFor({ state: 'detached' });

    // At phone width (opened there: the diagram fits the screen it is drawn on).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await entry('SUSPEND_INSTANCE').waitFor();
    await page.screenshot({ path: path.join(screenshotDir, '14-history-phone.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  } finally {
    await page.close();
  }
}, 90_000);
