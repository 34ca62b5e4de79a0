// The instance as a whole: creation and its errors, start instructions, replies (at once and
// awaiting completion), cancellation, rejections, one INSTANCE_EVENT per change, determinism.
import type { ProcessModel } from '@baton/bpmn';
import { apply } from '../../src';
import type { EngineCommand } from '@baton/contracts';
import { definitionOf, InstanceDriver, REPLY_TARGET, START_TIME } from '../support/driver';
import { loadProcess } from '../support/fixtures';
import { buildModel } from '../support/model-builder';

let parallel: ProcessModel;
let serviceTask: ProcessModel;
beforeAll(async () => {
  parallel = await loadProcess('parallel-gateway');
  serviceTask = await loadProcess('service-task');
});

describe('CREATE_INSTANCE', () => {
  it('creates the root scope with the variables and answers at once when a reply target is set', () => {
    const driver = new InstanceDriver(parallel);
    const result = driver.create({ orderId: 'o-1' }, { reply: REPLY_TARGET, businessKey: 'BK-1' });
    const state = driver.current;
    expect(state).toMatchObject({
      processInstanceKey: driver.processInstanceKey,
      processDefinitionId: 'parallel-gateway-process',
      processDefinitionVersion: 1,
      businessKey: 'BK-1',
      state: 'ACTIVE',
      startDate: new Date(START_TIME).toISOString(),
    });
    expect(state.elementInstances[driver.processInstanceKey]).toMatchObject({
      elementType: 'process',
      elementId: 'parallel-gateway-process',
      state: 'ACTIVE',
    });
    expect(driver.rootVariables()).toEqual({ orderId: 'o-1' });
    expect(result.effects.filter((effect) => effect.type === 'INSTANCE_EVENT')).toHaveLength(1);
    expect(driver.effects('REPLY')).toEqual([
      {
        type: 'REPLY',
        target: REPLY_TARGET,
        body: {
          status: 'OK',
          processInstanceKey: driver.processInstanceKey,
          processDefinitionKey: driver.definition.processDefinitionKey,
          processDefinitionId: 'parallel-gateway-process',
          processDefinitionVersion: 1,
        },
      },
    ]);
  });

  it('answers an awaiting caller when the instance completes, with the fetched variables', () => {
    const driver = new InstanceDriver(serviceTask);
    const target = { ...REPLY_TARGET, awaitCompletion: true, fetchVariables: ['receiptId', 'missing'] };
    driver.create({ order: { total: 5 }, secret: 's' }, { reply: target });
    expect(driver.effects('REPLY')).toEqual([]);
    expect(driver.current.awaitingReplies).toEqual([target]);

    driver.completeJob('charge-card', { receipt: { id: 'R-9' } });
    expect(driver.effects('REPLY')).toEqual([
      {
        type: 'REPLY',
        target,
        body: expect.objectContaining({ status: 'OK', variables: { receiptId: 'R-9' } }),
      },
    ]);
    expect(driver.current.awaitingReplies).toEqual([]);
  });

  it('answers an awaiting caller at once when the instance completes during creation (all variables)', () => {
    const model = buildModel(
      'quick',
      [
        { id: 'start', kind: 'startEvent' },
        { id: 'end', kind: 'endEvent', terminate: false },
      ],
      [['start', 'end']],
    );
    const driver = new InstanceDriver(model);
    driver.create({ a: 1, b: 2 }, { reply: { ...REPLY_TARGET, awaitCompletion: true } });
    expect(driver.effects('REPLY')[0]?.body).toMatchObject({ status: 'OK', variables: { a: 1, b: 2 } });
    expect(driver.current.awaitingReplies).toEqual([]);
  });

  it('starts before the elements of the start instructions', () => {
    const driver = new InstanceDriver(parallel);
    driver.create({}, { startInstructions: [{ elementId: 'task-b' }] });
    expect(driver.liveTokens()).toEqual(['task-b:ACTIVE']);
    expect(driver.effects('INSTANCE_EVENT')[0]?.event.completedElementIds).toEqual([]);
    const bad = new InstanceDriver(parallel).create({}, { startInstructions: [{ elementId: 'nope' }] });
    expect(bad.rejection?.code).toBe('INVALID_ARGUMENT');
    expect(bad.state).toBeUndefined();
  });

  it('refuses with the FLOWX sentences when there is no single start event or a mandatory variable is missing', () => {
    const none = buildModel('none', [{ id: 'task', kind: 'task' }], []);
    expect(new InstanceDriver(none).create().rejection?.message).toBe(
      'Start node for process definition not found.',
    );
    const two = buildModel(
      'two',
      [
        { id: 's1', kind: 'startEvent' },
        { id: 's2', kind: 'startEvent' },
      ],
      [],
    );
    expect(new InstanceDriver(two).create().rejection?.message).toBe(
      'Multiple start nodes found, but start condition not specified.',
    );
    const mandatory = {
      ...buildModel('m', [{ id: 's', kind: 'startEvent' }], []),
      mandatoryVariables: ['customerId'],
    };
    const refused = new InstanceDriver(mandatory).create({}, { reply: REPLY_TARGET });
    expect(refused.rejection).toEqual({
      code: 'INVALID_ARGUMENT',
      message: 'Some mandatory params are missing.',
    });
    expect(refused.effects).toEqual([
      {
        type: 'REPLY',
        target: REPLY_TARGET,
        body: { status: 'REJECTED', code: 'INVALID_ARGUMENT', message: 'Some mandatory params are missing.' },
      },
    ]);
  });

  it('refuses a second creation and commands on an unknown instance', () => {
    const driver = new InstanceDriver(parallel);
    driver.create();
    expect(driver.create().rejection?.code).toBe('INVALID_STATE');
    const orphan = new InstanceDriver(parallel).send({ type: 'CANCEL_INSTANCE' });
    expect(orphan).toMatchObject({ state: undefined, rejection: { code: 'NOT_FOUND' } });
  });
});

describe('CANCEL_INSTANCE', () => {
  it('terminates tokens, closes jobs, cancels user tasks and rejects awaiting callers', () => {
    const model = buildModel(
      'cancel',
      [
        { id: 'start', kind: 'startEvent' },
        { id: 'fork', kind: 'parallelGateway' },
        {
          id: 'work',
          kind: 'serviceTask',
          job: {
            type: { kind: 'static', value: 'work' },
            retries: { kind: 'static', value: '3' },
            headers: {},
          },
        },
        { id: 'review', kind: 'userTask', userTask: { zeebeUserTask: true } },
      ],
      [
        ['start', 'fork'],
        ['fork', 'work'],
        ['fork', 'review'],
      ],
    );
    const driver = new InstanceDriver(model);
    const awaiting = { ...REPLY_TARGET, requestId: 'awaiting', awaitCompletion: true };
    driver.create({}, { reply: awaiting });
    const { jobKey } = driver.job('work');
    driver.send({ type: 'CANCEL_INSTANCE', reply: REPLY_TARGET });
    const state = driver.current;
    expect(state.state).toBe('TERMINATED');
    expect(state.endDate).toBe(new Date(START_TIME).toISOString());
    expect(driver.liveTokens()).toEqual([]);
    expect(driver.tokens().map((token) => token.state)).toEqual(['TERMINATED', 'TERMINATED', 'TERMINATED']);
    expect(driver.effects('JOB_CLOSED')).toEqual([
      { type: 'JOB_CLOSED', jobKey, processInstanceKey: driver.processInstanceKey },
    ]);
    expect(state.jobs[jobKey]?.state).toBe('CANCELED');
    expect(driver.effects('USER_TASK_UPDATED')[0]?.userTask.state).toBe('CANCELED');
    expect(Object.values(state.elementInstances).every((instance) => instance.state !== 'ACTIVE')).toBe(true);
    expect(driver.effects('REPLY')).toEqual([
      {
        type: 'REPLY',
        target: awaiting,
        body: expect.objectContaining({ status: 'REJECTED', code: 'INVALID_STATE' }),
      },
      { type: 'REPLY', target: REPLY_TARGET, body: expect.objectContaining({ status: 'OK' }) },
    ]);
    expect(driver.effects('INSTANCE_EVENT')[0]?.event).toMatchObject({
      state: 'TERMINATED',
      activeElementIds: [],
    });

    const again = driver.send({ type: 'CANCEL_INSTANCE' });
    expect(again.rejection?.code).toBe('INVALID_STATE');
    expect(again.state).toBe(state);
  });
});

describe('determinism and purity', () => {
  function run(model: ProcessModel): unknown[] {
    let keys = 5000;
    const ctx = (now: number) => ({ now, nextKey: () => String(keys++), definition: definitionOf(model) });
    const outputs: unknown[] = [];
    const create: EngineCommand = {
      type: 'CREATE_INSTANCE',
      commandId: 'c1',
      processInstanceKey: '1',
      processDefinitionKey: definitionOf(model).processDefinitionKey,
      variables: { x: 1 },
    };
    let result = apply(undefined, create, ctx(START_TIME));
    outputs.push(result);
    for (const [index, job] of Object.values(result.state!.jobs).entries()) {
      result = apply(
        result.state,
        {
          type: 'COMPLETE_JOB',
          commandId: `j${index}`,
          processInstanceKey: '1',
          jobKey: job.jobKey,
          variables: { [`v${index}`]: index },
        },
        ctx(START_TIME + index + 1),
      );
      outputs.push(result);
    }
    return outputs;
  }

  it('gives the same state and effects for the same inputs', () => {
    const first = run(parallel);
    const second = run(parallel);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(first).toHaveLength(3);
  });

  it('never mutates the input state', () => {
    const driver = new InstanceDriver(parallel);
    driver.create({ x: 1 });
    const snapshot = JSON.stringify(driver.current);
    const before = driver.current;
    // The driver deep-freezes every input state, so a mutation would throw; check the value too.
    driver.completeJob('task-a', { y: 2 });
    expect(JSON.stringify(before)).toBe(snapshot);
    expect(driver.current).not.toBe(before);
    expect(driver.current.jobs).not.toBe(before.jobs);
  });
});
