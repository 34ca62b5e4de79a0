// Message catch elements: the subscription a token opens on entering one (name and correlation
// key evaluated then), CORRELATE_MESSAGE completing it with the message's variables, duplicates
// refused without a change, and subscriptions closed when their element is terminated.
import type { MessageSubscriptionModel } from '@baton/bpmn';
import type { MessageSubscription } from '../../src';
import { InstanceDriver } from '../support/driver';
import { loadProcess } from '../support/fixtures';
import { buildModel, type NodeSpec } from '../support/model-builder';

async function messageCatchDriver(): Promise<InstanceDriver> {
  return new InstanceDriver(await loadProcess('message-catch'));
}

/** The subscription a driver's instance opened at an element (from its element instance). */
function openSubscriptionAt(driver: InstanceDriver, elementId: string): MessageSubscription {
  const instance = Object.values(driver.current.elementInstances).find(
    (candidate) => candidate.elementId === elementId && candidate.state === 'ACTIVE',
  );
  if (!instance?.messageSubscription) throw new Error(`no open subscription at ${elementId}`);
  return {
    processInstanceKey: driver.processInstanceKey,
    processDefinitionKey: driver.definition.processDefinitionKey,
    elementInstanceKey: instance.key,
    elementId,
    ...instance.messageSubscription,
    tenantId: '<default>',
  };
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

function catchEvent(id: string, message: MessageSubscriptionModel, scopeId?: string): NodeSpec {
  return { id, kind: 'intermediateCatchEvent', message, ...(scopeId ? { scopeId } : {}) };
}

const PAYMENT: MessageSubscriptionModel = {
  name: { kind: 'static', value: 'payment-received' },
  correlationKey: 'orderId',
};

describe('message catch event and receive task (message-catch.bpmn)', () => {
  it('opens a subscription with the evaluated name and correlation key, and waits', async () => {
    const driver = await messageCatchDriver();
    driver.create({ orderId: 'order-7', region: 'north' });
    const subscription = openSubscriptionAt(driver, 'wait-payment');
    expect(subscription).toMatchObject({ messageName: 'payment-received', correlationKey: 'order-7' });
    expect(driver.effects('MESSAGE_SUBSCRIPTION_OPENED')).toEqual([
      { type: 'MESSAGE_SUBSCRIPTION_OPENED', subscription },
    ]);
    expect(driver.liveTokens()).toEqual(['wait-payment:ACTIVE']);
    expect(driver.activeElementIds()).toEqual(['wait-payment']);
    expect(driver.current.state).toBe('ACTIVE');
  });

  it('completes the waiting element with the message variables and moves on to the next message', async () => {
    const driver = await messageCatchDriver();
    driver.create({ orderId: 'order-7', region: 'north' });
    const payment = openSubscriptionAt(driver, 'wait-payment');
    const result = correlate(driver, payment, { amount: 99, payer: 'ann' });
    expect(result.rejection).toBeUndefined();
    expect(driver.effects('MESSAGE_SUBSCRIPTION_CLOSED')).toEqual([
      { type: 'MESSAGE_SUBSCRIPTION_CLOSED', subscription: payment },
    ]);
    // The catch event has output mappings: only what they map reaches the process scope.
    expect(driver.rootVariables()).toEqual({ orderId: 'order-7', region: 'north', paidAmount: 99 });
    const shipment = openSubscriptionAt(driver, 'wait-shipment');
    expect(shipment).toMatchObject({ messageName: 'shipment-north', correlationKey: 'order-7' });
    expect(driver.effects('MESSAGE_SUBSCRIPTION_OPENED').map((effect) => effect.subscription)).toEqual([
      shipment,
    ]);
    expect(driver.activeElementIds()).toEqual(['wait-shipment']);

    // Without output mappings the message variables propagate like a job's (new ones to the root).
    correlate(driver, shipment, { trackingId: 'T-1', region: 'south' }, '9002');
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.rootVariables()).toEqual({
      orderId: 'order-7',
      region: 'south',
      paidAmount: 99,
      trackingId: 'T-1',
    });
    expect(driver.effects('INSTANCE_EVENT')[0]?.event.completedElementIds).toEqual([
      'start',
      'wait-payment',
      'wait-shipment',
      'end',
    ]);
  });

  it('refuses a second correlation to the same element instance without changing anything', async () => {
    const driver = await messageCatchDriver();
    driver.create({ orderId: 'order-7', region: 'north' });
    const payment = openSubscriptionAt(driver, 'wait-payment');
    correlate(driver, payment, { amount: 1 });
    const before = driver.current;
    const duplicate = correlate(driver, payment, { amount: 2 }, '9003');
    expect(duplicate.rejection?.code).toBe('NOT_FOUND');
    expect(duplicate.rejection?.message).toContain(payment.elementInstanceKey);
    expect(duplicate.state).toBe(before);
    expect(duplicate.effects).toEqual([]);
  });

  it('refuses a message of another name, and a correlation to an element that waits for no message', async () => {
    const driver = await messageCatchDriver();
    driver.create({ orderId: 'order-7', region: 'north' });
    const payment = openSubscriptionAt(driver, 'wait-payment');
    const wrongName = correlate(driver, { ...payment, messageName: 'other' });
    expect(wrongName.rejection).toMatchObject({ code: 'INVALID_STATE' });
    expect(wrongName.rejection?.message).toContain("waits for message 'payment-received'");
    const toProcess = correlate(driver, { ...payment, elementInstanceKey: driver.processInstanceKey });
    expect(toProcess.rejection).toMatchObject({ code: 'INVALID_STATE' });
    expect(driver.liveTokens()).toEqual(['wait-payment:ACTIVE']);
  });

  it('closes the subscription when the instance is canceled', async () => {
    const driver = await messageCatchDriver();
    driver.create({ orderId: 'order-7', region: 'north' });
    const payment = openSubscriptionAt(driver, 'wait-payment');
    driver.send({ type: 'CANCEL_INSTANCE' });
    expect(driver.current.state).toBe('TERMINATED');
    expect(driver.effects('MESSAGE_SUBSCRIPTION_CLOSED')).toEqual([
      { type: 'MESSAGE_SUBSCRIPTION_CLOSED', subscription: payment },
    ]);
    expect(correlate(driver, payment).rejection?.code).toBe('INVALID_STATE');
  });

  it('raises an incident when the message name cannot be evaluated, and subscribes once it is resolved', async () => {
    const driver = await messageCatchDriver();
    driver.create({ orderId: 'order-7' });
    correlate(driver, openSubscriptionAt(driver, 'wait-payment'), { amount: 5 });
    const [incident] = driver.openIncidents();
    expect(incident).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'wait-shipment' });
    expect(incident?.errorMessage).toContain('region');
    expect(driver.effects('MESSAGE_SUBSCRIPTION_OPENED')).toEqual([]);
    expect(driver.liveTokens()).toEqual(['wait-shipment:ACTIVE']);

    driver.send({
      type: 'SET_VARIABLES',
      elementInstanceKey: driver.processInstanceKey,
      variables: { region: 'east' },
    });
    driver.send({ type: 'RESOLVE_INCIDENT', incidentKey: incident!.incidentKey });
    expect(driver.effects('MESSAGE_SUBSCRIPTION_OPENED').map((effect) => effect.subscription)).toEqual([
      expect.objectContaining({ elementId: 'wait-shipment', messageName: 'shipment-east' }),
    ]);
  });
});

describe('correlation keys', () => {
  function keyDriver(correlationKey: string | undefined): InstanceDriver {
    const message = { name: PAYMENT.name, ...(correlationKey === undefined ? {} : { correlationKey }) };
    return new InstanceDriver(
      buildModel(
        'keys',
        [
          { id: 'start', kind: 'startEvent' },
          catchEvent('wait', message),
          { id: 'end', kind: 'endEvent', terminate: false },
        ],
        [
          ['start', 'wait'],
          ['wait', 'end'],
        ],
      ),
    );
  }

  it('writes a number as a string', () => {
    const driver = keyDriver('orderNumber');
    driver.create({ orderNumber: 42 });
    expect(openSubscriptionAt(driver, 'wait').correlationKey).toBe('42');
  });

  it.each([
    ['a missing variable', {}, 'orderNumber'],
    ['a boolean', { orderNumber: true }, "'BOOLEAN'"],
    ['null', { orderNumber: null }, "'NULL'"],
    ['an object', { orderNumber: { id: 1 } }, "'OBJECT'"],
  ])('raises an EXTRACT_VALUE_ERROR incident for %s', (_label, variables, mentioned) => {
    const driver = keyDriver('orderNumber');
    driver.create(variables);
    const [incident] = driver.openIncidents();
    expect(incident).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'wait' });
    expect(incident?.errorMessage).toContain(mentioned);
    expect(driver.effects('MESSAGE_SUBSCRIPTION_OPENED')).toEqual([]);
    expect(driver.effects('INSTANCE_EVENT')[0]?.event.hasIncident).toBe(true);
  });

  it('uses the processInstanceKey when the model has no correlation key (Camunda 7)', () => {
    const driver = keyDriver(undefined);
    driver.create();
    expect(openSubscriptionAt(driver, 'wait').correlationKey).toBe(driver.processInstanceKey);
  });
});

describe('termination of waiting message catch elements', () => {
  it('closes the subscription of a branch ended by a terminate end event', () => {
    const driver = new InstanceDriver(
      buildModel(
        'terminate-branch',
        [
          { id: 'start', kind: 'startEvent' },
          { id: 'fork', kind: 'parallelGateway' },
          catchEvent('wait', PAYMENT),
          { id: 'kill', kind: 'endEvent', terminate: true },
        ],
        [
          ['start', 'fork'],
          ['fork', 'wait'],
          ['fork', 'kill'],
        ],
      ),
    );
    driver.create({ orderId: 'o-1' });
    const opened = driver.effects('MESSAGE_SUBSCRIPTION_OPENED').map((effect) => effect.subscription);
    expect(opened).toHaveLength(1);
    expect(driver.effects('MESSAGE_SUBSCRIPTION_CLOSED').map((effect) => effect.subscription)).toEqual(
      opened,
    );
    expect(driver.current.state).toBe('COMPLETED');
  });

  it('closes the subscription inside a subprocess whose scope is terminated from outside', () => {
    const driver = new InstanceDriver(
      buildModel(
        'terminate-scope',
        [
          { id: 'start', kind: 'startEvent' },
          { id: 'fork', kind: 'parallelGateway' },
          { id: 'sub', kind: 'subProcess', startEventIds: ['sub-start'] },
          { id: 'sub-start', kind: 'startEvent', scopeId: 'sub' },
          catchEvent('sub-wait', PAYMENT, 'sub'),
          { id: 'sub-end', kind: 'endEvent', scopeId: 'sub', terminate: false },
          { id: 'gate', kind: 'userTask', userTask: { zeebeUserTask: true } },
          { id: 'kill', kind: 'endEvent', terminate: true },
        ],
        [
          ['start', 'fork'],
          ['fork', 'sub'],
          ['fork', 'gate'],
          ['sub-start', 'sub-wait'],
          ['sub-wait', 'sub-end'],
          ['gate', 'kill'],
        ],
      ),
    );
    driver.create({ orderId: 'o-1' });
    const subscription = openSubscriptionAt(driver, 'sub-wait');
    expect(driver.activeElementIds()).toEqual(['gate', 'sub', 'sub-wait']);
    driver.send({
      type: 'COMPLETE_USER_TASK',
      userTaskKey: driver.userTask('gate').userTaskKey,
      variables: {},
    });
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.effects('MESSAGE_SUBSCRIPTION_CLOSED')).toEqual([
      { type: 'MESSAGE_SUBSCRIPTION_CLOSED', subscription },
    ]);
  });
});
