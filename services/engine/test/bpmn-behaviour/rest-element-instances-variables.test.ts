// End to end on the embedded runtime, and in the integration suite on Kafka + FerretDB: element
// instances and variables as Camunda 8.8 resources (search, get by key, a user task's variables),
// read from the stored instance after a job completed and while a user task waits.
import {
  elementInstanceSchema,
  elementInstanceSearchResponseSchema,
  variableSchema,
  variableSearchResponseSchema,
} from '@baton/contracts';
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../../src/engine-runtime';
import { startTestRuntime } from '../support/test-runtime';
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

/** start → service task `work` → user task `review` (a local `note` and `decision`) → end. */
function workThenReviewBpmn(processId: string, jobType: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="D_${processId}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${processId}" name="Work then review" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="work" name="Do the work">
      <bpmn:extensionElements><zeebe:taskDefinition type="${jobType}" /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:userTask id="review" name="Review it">
      <bpmn:extensionElements>
        <zeebe:userTask />
        <zeebe:ioMapping>
          <zeebe:input source="=&quot;from the task&quot;" target="note" />
          <zeebe:input source="=&quot;pending&quot;" target="decision" />
        </zeebe:ioMapping>
      </bpmn:extensionElements>
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="review" />
    <bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>
`;
}

/** An instance past its job and waiting at the user task, with a root `note` and a 10,000-character `essay`. */
async function instanceAtReview() {
  const processId = uniqueName('review');
  const jobType = uniqueName('work');
  await deployThroughApi(server, [{ name: 'p.bpmn', content: workThenReviewBpmn(processId, jobType) }]);
  const essay = 'x'.repeat(10_000);
  const created = await server.call('POST', '/v2/process-instances', {
    processDefinitionId: processId,
    variables: { note: 'from the start', essay, amount: 42 },
  });
  expect(created.status).toBe(200);
  const processInstanceKey = created.body.processInstanceKey as string;
  const activated = await server.call('POST', '/v2/jobs/activation', {
    type: jobType,
    worker: 'w',
    timeout: 30_000,
    maxJobsToActivate: 1,
    requestTimeout: 5000,
  });
  const job = activated.body.jobs[0] as { jobKey: string; elementInstanceKey: string };
  expect((await server.call('POST', `/v2/jobs/${job.jobKey}/completion`, { variables: {} })).status).toBe(
    204,
  );
  const task = await waitFor(async () => {
    const found = await server.call('POST', '/v2/user-tasks/search', { filter: { processInstanceKey } });
    return found.body.items[0] as { userTaskKey: string; elementInstanceKey: string } | undefined;
  });
  return { processId, processInstanceKey, workKey: job.elementInstanceKey, task, essay };
}

async function searchElements(body: unknown) {
  const answer = await server.call('POST', '/v2/element-instances/search', body);
  expect(answer.status).toBe(200);
  return elementInstanceSearchResponseSchema.parse(answer.body);
}

async function searchVariables(body: unknown) {
  const answer = await server.call('POST', '/v2/variables/search', body);
  expect(answer.status).toBe(200);
  return variableSearchResponseSchema.parse(answer.body);
}

describe('element instances', () => {
  it('lists the process, the completed service task and the waiting user task in Camunda shapes', async () => {
    const { processId, processInstanceKey, workKey, task } = await instanceAtReview();
    const found = await searchElements({
      filter: { processInstanceKey },
      sort: [{ field: 'elementId', order: 'ASC' }],
    });
    const common = { processInstanceKey, processDefinitionId: processId, tenantId: '<default>' };
    expect(found.page.totalItems).toBe(3);
    expect(found.items).toEqual([
      expect.objectContaining({
        ...common,
        elementInstanceKey: task.elementInstanceKey,
        elementId: 'review',
        elementName: 'Review it',
        type: 'USER_TASK',
        state: 'ACTIVE',
      }),
      expect.objectContaining({
        ...common,
        elementInstanceKey: processInstanceKey,
        elementId: processId,
        elementName: 'Work then review',
        type: 'PROCESS',
        state: 'ACTIVE',
        hasIncident: false,
      }),
      expect.objectContaining({
        ...common,
        elementInstanceKey: workKey,
        elementId: 'work',
        elementName: 'Do the work',
        type: 'SERVICE_TASK',
        state: 'COMPLETED',
      }),
    ]);
    // 'review' sorts before the process id 'review-…'.
    expect(found.items[0]!.endDate).toBeUndefined();

    const children = await searchElements({
      filter: { elementInstanceScopeKey: processInstanceKey },
      sort: [{ field: 'elementId' }],
    });
    expect(children.items.map((item) => item.elementId)).toEqual(['review', 'work']);
    const userTasks = await searchElements({ filter: { processInstanceKey, type: 'USER_TASK' } });
    expect(userTasks.items.map((item) => item.elementId)).toEqual(['review']);
    const completed = await searchElements({
      filter: { processDefinitionId: processId, state: 'COMPLETED' },
    });
    expect(completed.items.map((item) => item.elementInstanceKey)).toEqual([workKey]);
    const secondPage = await searchElements({
      filter: { processInstanceKey },
      sort: [{ field: 'elementId', order: 'DESC' }],
      page: { from: 1, limit: 1 },
    });
    expect(secondPage).toEqual({
      items: [expect.objectContaining({ elementId: processId, type: 'PROCESS' })],
      page: { totalItems: 3 },
    });
  });

  it('gets one by key, active or ended, and answers 404 for an unknown key', async () => {
    const { workKey, task } = await instanceAtReview();
    const active = await server.call('GET', `/v2/element-instances/${task.elementInstanceKey}`);
    expect(active.status).toBe(200);
    expect(elementInstanceSchema.parse(active.body)).toMatchObject({ elementId: 'review', state: 'ACTIVE' });
    const ended = await server.call('GET', `/v2/element-instances/${workKey}`);
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ elementId: 'work', state: 'COMPLETED', type: 'SERVICE_TASK' });
    const missing = await server.call('GET', '/v2/element-instances/123456789');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ title: 'NOT_FOUND', status: 404 });
  });

  it('refuses a filter of the wrong type with a 400 problem naming the field', async () => {
    const answer = await server.call('POST', '/v2/element-instances/search', {
      filter: { type: 'NOT_A_TYPE' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.invalidParams).toEqual([expect.objectContaining({ path: 'filter.type' })]);
  });
});

describe('variables', () => {
  it('searches every scope, cuts long values and gives the whole value by a key that stays the same', async () => {
    const { processInstanceKey, task, essay } = await instanceAtReview();
    const all = await searchVariables({
      filter: { processInstanceKey },
      sort: [{ field: 'name' }, { field: 'scopeKey' }],
    });
    expect(all.items.map(({ name, scopeKey }) => [name, scopeKey])).toEqual([
      ['amount', processInstanceKey],
      ['decision', task.elementInstanceKey],
      ['essay', processInstanceKey],
      ['note', processInstanceKey],
      ['note', task.elementInstanceKey],
    ]);
    const essayItem = all.items.find((item) => item.name === 'essay')!;
    expect(essayItem).toMatchObject({ isTruncated: true, processInstanceKey, tenantId: '<default>' });
    expect(essayItem.value).toHaveLength(8191);
    expect(all.items.find((item) => item.name === 'amount')).toMatchObject({
      value: '42',
      isTruncated: false,
    });

    const again = await searchVariables({ filter: { processInstanceKey } });
    expect(new Set(again.items.map((item) => item.variableKey))).toEqual(
      new Set(all.items.map((item) => item.variableKey)),
    );
    const whole = await server.call('GET', `/v2/variables/${essayItem.variableKey}`);
    expect(whole.status).toBe(200);
    expect(variableSchema.parse(whole.body)).toEqual({
      ...essayItem,
      value: JSON.stringify(essay),
      isTruncated: false,
    });

    const byKey = await searchVariables({ filter: { variableKey: essayItem.variableKey } });
    expect(byKey.items.map((item) => item.name)).toEqual(['essay']);
    const local = await searchVariables({
      filter: { scopeKey: task.elementInstanceKey, name: { $like: 'n*' } },
    });
    expect(local.items).toEqual([expect.objectContaining({ name: 'note', value: '"from the task"' })]);
    const truncated = await searchVariables({ filter: { processInstanceKey, isTruncated: true } });
    expect(truncated.items.map((item) => item.name)).toEqual(['essay']);
    const byValue = await searchVariables({ filter: { processInstanceKey, value: '42' } });
    expect(byValue.items.map((item) => item.name)).toEqual(['amount']);
  });

  it('answers 404 for an unknown variable key and 400 for an unknown filter operator', async () => {
    expect((await server.call('GET', '/v2/variables/987654321')).status).toBe(404);
    const bad = await server.call('POST', '/v2/variables/search', { filter: { name: { $regex: 'x' } } });
    expect(bad.status).toBe(400);
  });

  it("answers a user task's variables: its own scope first, then the process's", async () => {
    const { processInstanceKey, task } = await instanceAtReview();
    const answer = await server.call('POST', `/v2/user-tasks/${task.userTaskKey}/variables/search`, {
      sort: [{ field: 'name' }],
    });
    expect(answer.status).toBe(200);
    const found = variableSearchResponseSchema.parse(answer.body);
    expect(found.items.map(({ name, scopeKey, value }) => [name, scopeKey, value.slice(0, 20)])).toEqual([
      ['amount', processInstanceKey, '42'],
      ['decision', task.elementInstanceKey, '"pending"'],
      ['essay', processInstanceKey, `"${'x'.repeat(19)}`],
      ['note', task.elementInstanceKey, '"from the task"'],
    ]);
    const named = await server.call('POST', `/v2/user-tasks/${task.userTaskKey}/variables/search`, {
      filter: { name: 'decision' },
    });
    expect(named.body.items).toHaveLength(1);
    expect((await server.call('POST', '/v2/user-tasks/123/variables/search', {})).status).toBe(404);
  });
});
