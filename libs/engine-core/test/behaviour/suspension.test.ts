// Camunda 7 suspension in the core: a suspended instance refuses job and user-task answers,
// holds message correlations and timers until activation (nothing lost), still takes variables;
// job suspension; new jobs of a suspended job definition; a suspended definition is not started;
// asynchronous continuations wait as engine jobs and can be held by suspending them.
import type { MessageSubscriptionModel } from '@baton/bpmn';
import { InstanceDriver } from '../support/driver';
import { buildModel, jobDefinition } from '../support/model-builder';

const PAYMENT: MessageSubscriptionModel = {
  name: { kind: 'static', value: 'payment' },
  correlationKey: 'orderId',
};

/** start → work (job) → pay (message) → cool (timer PT10S) → review (user task) → end */
function flowDriver(): InstanceDriver {
  return new InstanceDriver(
    buildModel(
      'suspension-flow',
      [
        { id: 'start', kind: 'startEvent' },
        { id: 'work', kind: 'serviceTask', job: jobDefinition('work') },
        { id: 'pay', kind: 'intermediateCatchEvent', message: PAYMENT },
        {
          id: 'cool',
          kind: 'intermediateCatchEvent',
          timer: { kind: 'duration', value: { kind: 'static', value: 'PT10S' } },
        },
        { id: 'review', kind: 'userTask', userTask: { zeebeUserTask: true } },
        { id: 'end', kind: 'endEvent', terminate: false },
      ] as never,
      [
        ['start', 'work'],
        ['work', 'pay'],
        ['pay', 'cool'],
        ['cool', 'review'],
        ['review', 'end'],
      ],
    ),
  );
}

function activeInstanceOf(driver: InstanceDriver, elementId: string) {
  const found = Object.values(driver.current.elementInstances).find(
    (instance) => instance.elementId === elementId && instance.state === 'ACTIVE',
  );
  if (!found) throw new Error(`no active ${elementId}`);
  return found;
}

describe('instance suspension', () => {
  it('suspends the open jobs and refuses their answers with INVALID_STATE until activation', () => {
    const driver = flowDriver();
    driver.create({ orderId: 'o-1' });
    const { jobKey } = driver.job('work');
    driver.send({ type: 'SUSPEND_INSTANCE' });
    expect(driver.current.suspended).toBe(true);
    expect(driver.job('work').suspended).toBe(true);
    expect(driver.effects('JOB_CREATED')).toEqual([
      { type: 'JOB_CREATED', job: expect.objectContaining({ jobKey, suspended: true }) },
    ]);
    for (const refused of [
      driver.send({ type: 'COMPLETE_JOB', jobKey, variables: {} }),
      driver.send({ type: 'FAIL_JOB', jobKey, retries: 1 }),
      driver.send({ type: 'THROW_ERROR', jobKey, errorCode: 'E' }),
    ]) {
      expect(refused.rejection).toEqual({
        code: 'INVALID_STATE',
        message: expect.stringContaining('the process instance is suspended'),
      });
    }
    expect(driver.liveTokens()).toEqual(['work:ACTIVE']);

    driver.send({ type: 'ACTIVATE_INSTANCE' });
    expect(driver.current.suspended).toBe(false);
    expect(driver.job('work').suspended).toBeUndefined();
    expect(driver.effects('JOB_CREATED')[0]?.job.suspended).toBeUndefined();
    expect(driver.completeJob('work').rejection).toBeUndefined();
    expect(driver.liveTokens()).toEqual(['pay:ACTIVE']);
  });

  it('tells watchers in its instance event whether the instance is suspended', () => {
    const driver = flowDriver();
    driver.create({ orderId: 'o-1' });
    expect(driver.effects('INSTANCE_EVENT')[0]?.event.suspended).toBe(false);
    driver.send({ type: 'SUSPEND_INSTANCE' });
    expect(driver.effects('INSTANCE_EVENT')[0]?.event).toMatchObject({ state: 'ACTIVE', suspended: true });
    driver.send({
      type: 'SET_VARIABLES',
      elementInstanceKey: driver.processInstanceKey,
      variables: { n: 1 },
    });
    expect(driver.effects('INSTANCE_EVENT')[0]?.event.suspended).toBe(true);
    driver.send({ type: 'ACTIVATE_INSTANCE' });
    expect(driver.effects('INSTANCE_EVENT')[0]?.event.suspended).toBe(false);
  });

  it('still accepts variables and cancellation', () => {
    const driver = flowDriver();
    driver.create({ orderId: 'o-1' });
    driver.send({ type: 'SUSPEND_INSTANCE' });
    const set = driver.send({
      type: 'SET_VARIABLES',
      elementInstanceKey: driver.processInstanceKey,
      variables: { note: 'held' },
    });
    expect(set.rejection).toBeUndefined();
    expect(driver.rootVariables()).toEqual({ orderId: 'o-1', note: 'held' });
    expect(driver.send({ type: 'CANCEL_INSTANCE' }).rejection).toBeUndefined();
    expect(driver.current.state).toBe('TERMINATED');
  });

  it('holds a message correlation and a due timer until activation, then applies them in order', () => {
    const driver = flowDriver();
    driver.create({ orderId: 'o-1' });
    driver.completeJob('work');
    const pay = activeInstanceOf(driver, 'pay');
    driver.send({ type: 'SUSPEND_INSTANCE' });
    const correlated = driver.send({
      type: 'CORRELATE_MESSAGE',
      elementInstanceKey: pay.key,
      messageKey: '9001',
      messageName: 'payment',
      variables: { paid: 42 },
    });
    expect(correlated.rejection).toBeUndefined();
    expect(driver.liveTokens()).toEqual(['pay:ACTIVE']);
    expect(driver.current.deferredCommands).toHaveLength(1);

    driver.send({ type: 'ACTIVATE_INSTANCE' });
    expect(driver.rootVariables()).toMatchObject({ paid: 42 });
    expect(driver.liveTokens()).toEqual(['cool:ACTIVE']);
    expect(driver.current.deferredCommands).toEqual([]);

    const timerKey = activeInstanceOf(driver, 'cool').timer?.timerKey ?? '';
    driver.send({ type: 'SUSPEND_INSTANCE' });
    driver.now += 10_000;
    expect(driver.send({ type: 'TRIGGER_TIMER', timerKey }).rejection).toBeUndefined();
    expect(driver.liveTokens()).toEqual(['cool:ACTIVE']);
    driver.send({ type: 'ACTIVATE_INSTANCE' });
    expect(driver.liveTokens()).toEqual(['review:ACTIVE']);
  });

  it('refuses user task completion and assignment while suspended', () => {
    const driver = flowDriver();
    driver.create({ orderId: 'o-1' });
    driver.completeJob('work');
    driver.send({
      type: 'CORRELATE_MESSAGE',
      elementInstanceKey: activeInstanceOf(driver, 'pay').key,
      messageKey: '1',
      messageName: 'payment',
      variables: {},
    });
    driver.now += 10_000;
    driver.send({ type: 'TRIGGER_TIMER', timerKey: activeInstanceOf(driver, 'cool').timer?.timerKey ?? '' });
    const { userTaskKey } = driver.userTask('review');
    driver.send({ type: 'SUSPEND_INSTANCE' });
    expect(driver.send({ type: 'COMPLETE_USER_TASK', userTaskKey, variables: {} }).rejection?.code).toBe(
      'INVALID_STATE',
    );
    expect(driver.send({ type: 'ASSIGN_USER_TASK', userTaskKey, assignee: 'ann' }).rejection?.code).toBe(
      'INVALID_STATE',
    );
    driver.send({ type: 'ACTIVATE_INSTANCE' });
    driver.send({ type: 'COMPLETE_USER_TASK', userTaskKey, variables: {} });
    expect(driver.current.state).toBe('COMPLETED');
  });
});

describe('job suspension', () => {
  it('suspends one job: not answerable until it is activated again', () => {
    const driver = flowDriver();
    driver.create({ orderId: 'o-1' });
    const { jobKey } = driver.job('work');
    driver.send({ type: 'SET_JOB_SUSPENSION', jobKey, suspended: true });
    expect(driver.job('work').suspended).toBe(true);
    expect(driver.completeJob('work').rejection?.message).toContain(`job '${jobKey}' is suspended`);
    driver.send({ type: 'SET_JOB_SUSPENSION', jobKey, suspended: false });
    expect(driver.completeJob('work').rejection).toBeUndefined();
  });

  it('creates the jobs of a suspended job definition suspended', () => {
    const driver = flowDriver();
    Object.assign(driver, { definition: { ...driver.definition, suspendedJobElementIds: ['work'] } });
    driver.create({ orderId: 'o-1' });
    expect(driver.job('work').suspended).toBe(true);
    driver.send({ type: 'SET_JOB_SUSPENSION', elementId: 'work', suspended: false });
    expect(driver.job('work').suspended).toBeUndefined();
  });
});

describe('definition suspension', () => {
  it('refuses to create an instance of a suspended definition', () => {
    const driver = flowDriver();
    Object.assign(driver, { definition: { ...driver.definition, suspended: true } });
    const result = driver.create({ orderId: 'o-1' });
    expect(result.rejection).toEqual({
      code: 'INVALID_STATE',
      message: expect.stringContaining("Process definition 'suspension-flow'"),
    });
    expect(result.state).toBeUndefined();
  });

  it('starts an admitted create (answered once in the log) although the definition was suspended since', () => {
    const driver = flowDriver();
    Object.assign(driver, { definition: { ...driver.definition, suspended: true } });
    const result = driver.create({ orderId: 'o-1' }, { admitted: true });
    expect(result.rejection).toBeUndefined();
    expect(driver.current.state).toBe('ACTIVE');
    expect(driver.job('work')).toBeDefined();
  });
});

describe('asynchronous continuations', () => {
  /** start → processPayment (asyncBefore, asyncAfter; a job) → end, as in the Camunda 7 docs. */
  function asyncDriver(): InstanceDriver {
    return new InstanceDriver(
      buildModel(
        'async-payment',
        [
          { id: 'start', kind: 'startEvent' },
          {
            id: 'processPayment',
            kind: 'serviceTask',
            job: jobDefinition('pay'),
            asyncBefore: true,
            asyncAfter: true,
          },
          { id: 'end', kind: 'endEvent', terminate: false },
        ] as never,
        [
          ['start', 'processPayment'],
          ['processPayment', 'end'],
        ],
      ),
    );
  }

  function continuationJob(driver: InstanceDriver) {
    const job = Object.values(driver.current.jobs).find(
      (candidate) => candidate.asyncContinuation !== undefined && candidate.state === 'ACTIVATABLE',
    );
    if (!job) throw new Error('no open continuation job');
    return job;
  }

  it('waits before entering and before leaving, each time until the engine continues', () => {
    const driver = asyncDriver();
    driver.create();
    const before = continuationJob(driver);
    expect(before).toMatchObject({ type: 'baton:async-continuation', asyncContinuation: 'before' });
    expect(Object.values(driver.current.jobs).filter((job) => job.type === 'pay')).toEqual([]);
    driver.send({ type: 'CONTINUE_ASYNC', jobKey: before.jobKey });
    expect(driver.job('processPayment')).toMatchObject({ type: 'pay' });
    driver.completeJob('processPayment', { paid: true });
    const after = continuationJob(driver);
    expect(after.asyncContinuation).toBe('after');
    expect(driver.current.state).toBe('ACTIVE');
    driver.send({ type: 'CONTINUE_ASYNC', jobKey: after.jobKey });
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.rootVariables()).toEqual({ paid: true });
  });

  it('holds instances at the activity while the continuation job definition is suspended', () => {
    const driver = asyncDriver();
    Object.assign(driver, {
      definition: { ...driver.definition, suspendedJobElementIds: ['processPayment#asyncBefore'] },
    });
    driver.create();
    const held = continuationJob(driver);
    expect(held.suspended).toBe(true);
    expect(driver.send({ type: 'CONTINUE_ASYNC', jobKey: held.jobKey }).rejection?.code).toBe(
      'INVALID_STATE',
    );
    driver.send({ type: 'SET_JOB_SUSPENSION', elementId: 'processPayment#asyncBefore', suspended: false });
    expect(driver.send({ type: 'CONTINUE_ASYNC', jobKey: held.jobKey }).rejection).toBeUndefined();
    expect(driver.job('processPayment')).toMatchObject({ type: 'pay' });
  });
});
