import { BatonError } from '@baton/contracts';
import { uniqueName, waitFor } from '@baton/testing';
import { createEngineRuntime, type EngineRuntime } from './engine-runtime';

function serviceTaskProcess(processId: string, jobType: string, extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="work" name="Work${extra}">
      <bpmn:extensionElements><zeebe:taskDefinition type="${jobType}" /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
}

const twoStartsProcess = (processId: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="a"><bpmn:extensionElements><zeebe:properties><zeebe:property name="baton:startCondition" value="=startCondition = &quot;a&quot;" /></zeebe:properties></bpmn:extensionElements><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:startEvent id="b"><bpmn:extensionElements><zeebe:properties><zeebe:property name="baton:startCondition" value="=startCondition = &quot;b&quot;" /></zeebe:properties></bpmn:extensionElements><bpmn:outgoing>f2</bpmn:outgoing></bpmn:startEvent>
    <bpmn:endEvent id="end"><bpmn:incoming>f1</bpmn:incoming><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="a" targetRef="end" />
    <bpmn:sequenceFlow id="f2" sourceRef="b" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

async function rejection(promise: Promise<unknown>): Promise<BatonError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BatonError) return error;
    throw error;
  }
  throw new Error('expected a BatonError');
}

describe('engine runtime (embedded)', () => {
  let engine: EngineRuntime;
  let processId: string;
  let jobType: string;
  beforeEach(async () => {
    engine = await createEngineRuntime({ topicPrefix: '', requestTimeoutMs: 2000 });
    processId = uniqueName('process');
    jobType = uniqueName('job');
  });
  afterEach(() => engine.close());

  it('runs a service task process: deploy, create, activate, complete → COMPLETED', async () => {
    const deployed = await engine.deploy([
      { name: 'p.bpmn', content: serviceTaskProcess(processId, jobType) },
    ]);
    expect(deployed.processes).toEqual([
      expect.objectContaining({ processDefinitionId: processId, processDefinitionVersion: 1 }),
    ]);
    const created = await engine.createInstance({
      processDefinitionId: processId,
      variables: { orderId: '1234' },
    });
    expect(created.variables).toEqual({});

    const [activated, ...others] = await engine.activateJobs({
      type: jobType,
      worker: 'w',
      timeoutMs: 30_000,
      maxJobsToActivate: 10,
      requestTimeoutMs: 2000,
    });
    expect(others).toHaveLength(0);
    expect(activated!.job.processInstanceKey).toBe(created.processInstanceKey);
    expect(activated!.variables).toEqual({ orderId: '1234' });

    await engine.completeJob(activated!.job.jobKey, { paid: true });
    const instance = await waitFor(async () => {
      const current = await engine.getInstance(created.processInstanceKey);
      return current?.state === 'COMPLETED' ? current : undefined;
    });
    expect(instance.variables[created.processInstanceKey]).toEqual({ orderId: '1234', paid: true });
    const completedAgain = await rejection(engine.completeJob(activated!.job.jobKey));
    expect(completedAgain.code).toBe('NOT_FOUND');
    expect(
      (await engine.searchInstances({ filter: { processDefinitionId: processId, state: 'COMPLETED' } }))
        .totalItems,
    ).toBe(1);
  });

  it('returns the variables of an awaited instance', async () => {
    await engine.deploy([{ name: 'p.bpmn', content: serviceTaskProcess(processId, jobType) }]);
    const result = engine.createInstance({
      processDefinitionId: processId,
      variables: { a: 1, b: 2 },
      awaitCompletion: true,
      fetchVariables: ['a', 'c'],
    });
    const [job] = await engine.activateJobs({
      type: jobType,
      worker: 'w',
      timeoutMs: 30_000,
      maxJobsToActivate: 1,
      requestTimeoutMs: 2000,
    });
    await engine.completeJob(job!.job.jobKey, { c: 3 });
    expect((await result).variables).toEqual({ a: 1, c: 3 });
  });

  it('answers DEADLINE_EXCEEDED past requestTimeout while the instance runs on', async () => {
    await engine.deploy([{ name: 'p.bpmn', content: serviceTaskProcess(processId, jobType) }]);
    const error = await rejection(
      engine.createInstance({ processDefinitionId: processId, awaitCompletion: true, requestTimeoutMs: 50 }),
    );
    expect(error.code).toBe('DEADLINE_EXCEEDED');
    const [job] = await engine.activateJobs({
      type: jobType,
      worker: 'w',
      timeoutMs: 30_000,
      maxJobsToActivate: 1,
      requestTimeoutMs: 2000,
    });
    await engine.completeJob(job!.job.jobKey);
    await waitFor(async () => (await engine.getInstance(job!.job.processInstanceKey))?.state === 'COMPLETED');
  });

  it('never hands one job to two concurrent activations, and wakes a long poll when a job arrives', async () => {
    await engine.deploy([{ name: 'p.bpmn', content: serviceTaskProcess(processId, jobType) }]);
    const polls = [1, 2, 3].map((n) =>
      engine.activateJobs({
        type: jobType,
        worker: `w${n}`,
        timeoutMs: 30_000,
        maxJobsToActivate: 5,
        requestTimeoutMs: 300,
      }),
    );
    await Promise.all([1, 2].map(() => engine.createInstance({ processDefinitionId: processId })));
    const results = await Promise.all(polls);
    const jobKeys = results.flat().map((activated) => activated.job.jobKey);
    expect(jobKeys.length).toBeGreaterThan(0);
    expect(new Set(jobKeys).size).toBe(jobKeys.length);
    // The long polls may have returned before the second job arrived: whatever is left is activatable.
    const rest = await engine.activateJobs({
      type: jobType,
      worker: 'late',
      timeoutMs: 30_000,
      maxJobsToActivate: 5,
      requestTimeoutMs: -1,
    });
    expect(jobKeys.length + rest.length).toBe(2);
  });

  it('deploys identical XML to the same version and changed XML to the next', async () => {
    const first = await engine.deploy([{ name: 'p.bpmn', content: serviceTaskProcess(processId, jobType) }]);
    const same = await engine.deploy([{ name: 'p.bpmn', content: serviceTaskProcess(processId, jobType) }]);
    const changed = await engine.deploy([
      { name: 'p.bpmn', content: serviceTaskProcess(processId, jobType, ' v2') },
    ]);
    expect(same.processes[0]).toEqual(first.processes[0]);
    expect(same.deploymentKey).not.toBe(first.deploymentKey);
    expect(changed.processes[0]?.processDefinitionVersion).toBe(2);
    expect(changed.processes[0]?.processDefinitionKey).not.toBe(first.processes[0]?.processDefinitionKey);
  });

  it('refuses a broken deployment listing every problem, and starts with the FLOWX errors', async () => {
    const broken = serviceTaskProcess(processId, jobType)
      .replace(/<bpmn:extensionElements>.*<\/bpmn:extensionElements>/, '')
      .replace('targetRef="end"', 'targetRef="nowhere"');
    const refused = await rejection(engine.deploy([{ name: 'broken.bpmn', content: broken }]));
    expect(refused.code).toBe('INVALID_ARGUMENT');
    const problems = refused.details?.['problems'] as { elementId?: string }[];
    expect(problems.map((p) => p.elementId)).toEqual(expect.arrayContaining(['work', 'f2']));

    expect(
      (await rejection(engine.createInstance({ processDefinitionId: uniqueName('missing') }))).message,
    ).toBe('Process definition not found.');
    const twoStarts = uniqueName('two-starts');
    await engine.deploy([{ name: 'two.bpmn', content: twoStartsProcess(twoStarts) }]);
    const multiple = await rejection(engine.createInstance({ processDefinitionId: twoStarts }));
    expect([multiple.code, multiple.message]).toEqual([
      'INVALID_ARGUMENT',
      'Multiple start nodes found, but start condition not specified.',
    ]);
  });

  it('reports NOT_FOUND for unknown jobs and instances', async () => {
    expect((await rejection(engine.completeJob('123'))).code).toBe('NOT_FOUND');
    expect((await rejection(engine.cancelInstance('123'))).code).toBe('NOT_FOUND');
    expect(await engine.getInstance('123')).toBeUndefined();
  });
});
