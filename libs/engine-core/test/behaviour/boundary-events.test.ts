// Message boundary events (boundary-events.bpmn and built models): armed when the host is entered
// (one subscription each, under its own key), interrupting ones end the host and everything in it,
// non-interrupting ones start a new path and wait again, and all are disarmed when the host ends.
import type { MessageSubscriptionModel } from '@baton/bpmn';
import type { MessageSubscription } from '../../src';
import { InstanceDriver } from '../support/driver';
import { loadProcess } from '../support/fixtures';
import { buildModel, jobDefinition } from '../support/model-builder';

async function boundaryDriver(): Promise<InstanceDriver> {
  return new InstanceDriver(await loadProcess('boundary-events'));
}

/** The subscriptions opened by the last command, by boundary event id. */
function opened(driver: InstanceDriver): Record<string, MessageSubscription> {
  return Object.fromEntries(
    driver
      .effects('MESSAGE_SUBSCRIPTION_OPENED')
      .map((effect) => [effect.subscription.elementId, effect.subscription]),
  );
}

function closedIds(driver: InstanceDriver): string[] {
  return driver
    .effects('MESSAGE_SUBSCRIPTION_CLOSED')
    .map((effect) => effect.subscription.elementId)
    .sort();
}

function correlate(
  driver: InstanceDriver,
  subscription: MessageSubscription,
  variables: Record<string, unknown> = {},
  messageKey = '9001',
) {
  return driver.send({
    type: 'CORRELATE_MESSAGE',
    elementInstanceKey: subscription.elementInstanceKey,
    messageKey,
    messageName: subscription.messageName,
    variables,
  });
}

function completedIds(driver: InstanceDriver): readonly string[] {
  return driver.current.completedElementIds ?? [];
}

describe('message boundary events on a task (boundary-events.bpmn)', () => {
  it('are armed with the task: one subscription each, under keys of their own', async () => {
    const driver = await boundaryDriver();
    driver.create({ orderId: 'order-1' });
    const review = driver.job('review');
    const subscriptions = opened(driver);
    expect(Object.keys(subscriptions).sort()).toEqual(['order-canceled', 'reminder']);
    expect(subscriptions['order-canceled']).toMatchObject({
      messageName: 'order-canceled',
      correlationKey: 'order-1',
      processInstanceKey: driver.processInstanceKey,
    });
    const keys = Object.values(subscriptions).map((subscription) => subscription.elementInstanceKey);
    expect(new Set([...keys, review.elementInstanceKey]).size).toBe(3);
    expect(driver.current.elementInstances[review.elementInstanceKey]?.armedBoundaryEvents).toEqual([
      expect.objectContaining({ elementId: 'order-canceled' }),
      expect.objectContaining({ elementId: 'reminder' }),
    ]);
    expect(driver.activeElementIds()).toEqual(['review']);
  });

  it('interrupting: the task and its job end, every subscription closes, the boundary path runs', async () => {
    const driver = await boundaryDriver();
    driver.create({ orderId: 'order-1' });
    const review = driver.job('review');
    const canceled = opened(driver)['order-canceled']!;
    const result = correlate(driver, canceled, { reason: 'customer asked', extra: 1 });
    expect(result.rejection).toBeUndefined();
    expect(driver.effects('JOB_CLOSED')).toEqual([
      { type: 'JOB_CLOSED', jobKey: review.jobKey, processInstanceKey: driver.processInstanceKey },
    ]);
    expect(driver.current.jobs[review.jobKey]?.state).toBe('CANCELED');
    expect(closedIds(driver)).toEqual(['order-canceled', 'reminder']);
    expect(driver.current.state).toBe('COMPLETED');
    // The boundary event's output mapping decides what reaches the process.
    expect(driver.rootVariables()).toEqual({ orderId: 'order-1', cancelReason: 'customer asked' });
    expect(completedIds(driver)).toEqual(['start', 'order-canceled', 'canceled-end']);
    expect(correlate(driver, canceled).rejection?.code).toBe('INVALID_STATE');
  });

  it('non-interrupting: a new path starts, the task runs on and the event triggers again', async () => {
    const driver = await boundaryDriver();
    driver.create({ orderId: 'order-1' });
    const review = driver.job('review');
    const first = opened(driver)['reminder']!;
    correlate(driver, first, { attempt: 1 });
    expect(driver.job('review').jobKey).toBe(review.jobKey);
    expect(driver.effects('JOB_CREATED').map((effect) => effect.job.elementId)).toEqual(['send-reminder']);
    expect(driver.rootVariables()).toEqual({ orderId: 'order-1', attempt: 1 });
    // It waits again under a new key: the runtime gives one subscription one message.
    expect(closedIds(driver)).toEqual(['reminder']);
    const second = opened(driver)['reminder']!;
    expect(second).toMatchObject({ messageName: 'reminder', correlationKey: 'order-1' });
    expect(second.elementInstanceKey).not.toBe(first.elementInstanceKey);
    expect(correlate(driver, first, {}, '9002').rejection?.code).toBe('NOT_FOUND');

    correlate(driver, second, { attempt: 2 }, '9003');
    expect(driver.liveTokens()).toEqual(['review:ACTIVE', 'send-reminder:ACTIVE', 'send-reminder:ACTIVE']);

    driver.completeJob('review');
    expect(closedIds(driver)).toEqual(['order-canceled', 'reminder']);
    expect(driver.current.state).toBe('ACTIVE');
    for (const job of Object.values(driver.current.jobs).filter((one) => one.state === 'ACTIVATABLE'))
      driver.send({ type: 'COMPLETE_JOB', jobKey: job.jobKey, variables: {} });
    expect(driver.current.state).toBe('COMPLETED');
    expect(completedIds(driver)).toEqual([
      'start',
      'reminder',
      'review',
      'end',
      'send-reminder',
      'reminder-end',
    ]);
  });

  it('are disarmed when the task completes: a late message is refused', async () => {
    const driver = await boundaryDriver();
    driver.create({ orderId: 'order-1' });
    const canceled = opened(driver)['order-canceled']!;
    driver.completeJob('review', { approved: true });
    expect(closedIds(driver)).toEqual(['order-canceled', 'reminder']);
    expect(driver.current.state).toBe('COMPLETED');
    expect(correlate(driver, canceled).rejection?.code).toBe('INVALID_STATE');
  });

  it('are disarmed when the instance is canceled', async () => {
    const driver = await boundaryDriver();
    driver.create({ orderId: 'order-1' });
    const subscriptions = Object.values(opened(driver));
    driver.send({ type: 'CANCEL_INSTANCE' });
    expect(driver.effects('MESSAGE_SUBSCRIPTION_CLOSED').map((effect) => effect.subscription)).toEqual(
      expect.arrayContaining(subscriptions),
    );
    expect(closedIds(driver)).toHaveLength(2);
  });

  it('refuse a message of another name without a change', async () => {
    const driver = await boundaryDriver();
    driver.create({ orderId: 'order-1' });
    const canceled = opened(driver)['order-canceled']!;
    const before = driver.current;
    const wrong = correlate(driver, { ...canceled, messageName: 'reminder' });
    expect(wrong.rejection?.code).toBe('INVALID_STATE');
    expect(wrong.rejection?.message).toContain("waits for message 'order-canceled'");
    expect(wrong.state).toBe(before);
  });

  it('raise an incident on the task when a correlation key cannot be evaluated, and arm once resolved', async () => {
    const driver = await boundaryDriver();
    driver.create({});
    const [incident] = driver.openIncidents();
    expect(incident).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'review' });
    expect(incident?.errorMessage).toContain('orderId');
    expect(driver.effects('JOB_CREATED')).toEqual([]);
    expect(driver.effects('MESSAGE_SUBSCRIPTION_OPENED')).toEqual([]);

    driver.send({
      type: 'SET_VARIABLES',
      elementInstanceKey: driver.processInstanceKey,
      variables: { orderId: 'order-9' },
    });
    driver.send({ type: 'RESOLVE_INCIDENT', incidentKey: incident!.incidentKey });
    expect(Object.keys(opened(driver)).sort()).toEqual(['order-canceled', 'reminder']);
    expect(driver.job('review').elementId).toBe('review');
  });
});

describe('arming that fails half-way', () => {
  it('disarms the events armed before the failing one', () => {
    const byCustomer: MessageSubscriptionModel = {
      name: { kind: 'static', value: 'customer-left' },
      correlationKey: 'customerId',
    };
    const driver = new InstanceDriver(
      buildModel(
        'half-armed',
        [
          { id: 'start', kind: 'startEvent' },
          {
            id: 'work',
            kind: 'serviceTask',
            job: jobDefinition('work'),
            boundaryEventIds: ['by-order', 'by-customer'],
          },
          { id: 'end', kind: 'endEvent', terminate: false },
          {
            id: 'by-order',
            kind: 'boundaryEvent',
            attachedToId: 'work',
            cancelActivity: true,
            trigger: { kind: 'message', message: CANCEL },
          },
          {
            id: 'by-customer',
            kind: 'boundaryEvent',
            attachedToId: 'work',
            cancelActivity: true,
            trigger: { kind: 'message', message: byCustomer },
          },
        ],
        [
          ['start', 'work'],
          ['work', 'end'],
          ['by-order', 'end'],
          ['by-customer', 'end'],
        ],
      ),
    );
    driver.create({ orderId: 'o-1' });
    expect(driver.openIncidents()).toEqual([
      expect.objectContaining({ elementId: 'work', errorType: 'EXTRACT_VALUE_ERROR' }),
    ]);
    const openedOnes = driver.effects('MESSAGE_SUBSCRIPTION_OPENED').map((effect) => effect.subscription);
    expect(openedOnes.map((subscription) => subscription.elementId)).toEqual(['by-order']);
    expect(driver.effects('MESSAGE_SUBSCRIPTION_CLOSED').map((effect) => effect.subscription)).toEqual(
      openedOnes,
    );
    expect(driver.effects('JOB_CREATED')).toEqual([]);
  });
});

const CANCEL: MessageSubscriptionModel = {
  name: { kind: 'static', value: 'cancel' },
  correlationKey: 'orderId',
};

describe('message boundary events on a subprocess', () => {
  function subprocessDriver(cancelActivity: boolean): InstanceDriver {
    return new InstanceDriver(
      buildModel(
        'sub-boundary',
        [
          { id: 'start', kind: 'startEvent' },
          { id: 'sub', kind: 'subProcess', startEventIds: ['sub-start'], boundaryEventIds: ['stop'] },
          { id: 'sub-start', kind: 'startEvent', scopeId: 'sub' },
          { id: 'inner', kind: 'serviceTask', scopeId: 'sub', job: jobDefinition('inner') },
          { id: 'sub-end', kind: 'endEvent', scopeId: 'sub', terminate: false },
          { id: 'end', kind: 'endEvent', terminate: false },
          {
            id: 'stop',
            kind: 'boundaryEvent',
            attachedToId: 'sub',
            cancelActivity,
            trigger: { kind: 'message', message: CANCEL },
          },
          { id: 'after-stop', kind: 'userTask', userTask: { zeebeUserTask: true } },
        ],
        [
          ['start', 'sub'],
          ['sub-start', 'inner'],
          ['inner', 'sub-end'],
          ['sub', 'end'],
          ['stop', 'after-stop'],
        ],
      ),
    );
  }

  it('interrupting: every token and job inside ends, the subprocess token takes the boundary path', () => {
    const driver = subprocessDriver(true);
    driver.create({ orderId: 'o-1' });
    const inner = driver.job('inner');
    correlate(driver, opened(driver)['stop']!, { why: 'late' });
    expect(driver.current.jobs[inner.jobKey]?.state).toBe('CANCELED');
    expect(driver.liveTokens()).toEqual(['after-stop:ACTIVE']);
    expect(driver.activeElementIds()).toEqual(['after-stop']);
    expect(driver.tokens()).toContainEqual({ elementId: 'inner', state: 'TERMINATED', parent: 'after-stop' });
    expect(driver.rootVariables()).toEqual({ orderId: 'o-1', why: 'late' });
  });

  it('non-interrupting: the subprocess runs on beside the new path and completes as usual', () => {
    const driver = subprocessDriver(false);
    driver.create({ orderId: 'o-1' });
    correlate(driver, opened(driver)['stop']!);
    expect(driver.liveTokens()).toEqual(['after-stop:ACTIVE', 'inner:ACTIVE', 'sub:ON_HOLD']);
    driver.completeJob('inner');
    expect(closedIds(driver)).toEqual(['stop']);
    expect(driver.current.state).toBe('ACTIVE');
    driver.send({
      type: 'COMPLETE_USER_TASK',
      userTaskKey: driver.userTask('after-stop').userTaskKey,
      variables: {},
    });
    expect(driver.current.state).toBe('COMPLETED');
  });
});
