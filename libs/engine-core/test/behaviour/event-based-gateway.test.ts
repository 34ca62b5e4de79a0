// Event-based gateway (event-gateway.bpmn): entering it opens the subscriptions of its message
// catch event and receive task and schedules its timer; the first trigger wins, the others are
// withdrawn, and the token continues after the winning event.
import type { ArmedBoundaryEvent } from '../../src';
import { InstanceDriver } from '../support/driver';
import { loadProcess } from '../support/fixtures';

async function waitingAtGateway(): Promise<InstanceDriver> {
  const driver = new InstanceDriver(await loadProcess('event-gateway'));
  driver.create({ orderId: 'order-1' });
  return driver;
}

function armedAt(driver: InstanceDriver, elementId: string): ArmedBoundaryEvent {
  const gateway = Object.values(driver.current.elementInstances).find((one) => one.elementId === 'gateway');
  const armed = gateway?.armedEvents?.find((one) => one.elementId === elementId);
  if (!armed) throw new Error(`nothing armed for ${elementId}`);
  return armed;
}

function correlate(driver: InstanceDriver, armed: ArmedBoundaryEvent, variables = {}) {
  return driver.send({
    type: 'CORRELATE_MESSAGE',
    elementInstanceKey: armed.key,
    messageKey: '9001',
    messageName: armed.messageSubscription?.messageName ?? '',
    variables,
  });
}

describe('event-based gateway', () => {
  it('waits at the gateway with every subscription open and its timer scheduled', async () => {
    const driver = await waitingAtGateway();
    expect(driver.liveTokens()).toEqual(['gateway:ACTIVE']);
    expect(driver.activeElementIds()).toEqual(['gateway']);
    expect(
      driver
        .effects('MESSAGE_SUBSCRIPTION_OPENED')
        .map(({ subscription }) => [
          subscription.elementId,
          subscription.messageName,
          subscription.correlationKey,
        ]),
    ).toEqual([
      ['payment', 'payment-received', 'order-1'],
      ['cancellation', 'order-cancelled', 'order-1'],
    ]);
    const [timer] = driver.effects('TIMER_SCHEDULED').map((effect) => effect.timer);
    expect(timer).toMatchObject({ elementId: 'timeout', dueDate: driver.now + 3_600_000 });
  });

  it('continues after the message that comes first and withdraws the other events', async () => {
    const driver = await waitingAtGateway();
    const payment = armedAt(driver, 'payment');
    const cancellation = armedAt(driver, 'cancellation');
    const timeout = armedAt(driver, 'timeout');
    const result = correlate(driver, payment, { amount: 42 });
    expect(result.rejection).toBeUndefined();
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.current.completedElementIds).toEqual(['start', 'gateway', 'payment', 'paid']);
    expect(driver.rootVariables()).toEqual({ orderId: 'order-1', amount: 42 });
    expect(
      driver
        .effects('MESSAGE_SUBSCRIPTION_CLOSED')
        .map(({ subscription }) => subscription.elementInstanceKey),
    ).toEqual([payment.key, cancellation.key]);
    expect(driver.effects('TIMER_CANCELED').map(({ timer }) => timer.timerKey)).toEqual([timeout.key]);
    expect(driver.effects('TIMER_TRIGGERED')).toEqual([]);

    // The withdrawn events no longer trigger anything.
    const late = driver.send({ type: 'TRIGGER_TIMER', timerKey: timeout.key });
    expect(late.rejection?.code).toBe('INVALID_STATE');
  });

  it('takes the receive task when its message comes first', async () => {
    const driver = await waitingAtGateway();
    correlate(driver, armedAt(driver, 'cancellation'));
    expect(driver.current.completedElementIds).toEqual(['start', 'gateway', 'cancellation', 'cancelled']);
  });

  it('takes the timer when it falls due first', async () => {
    const driver = await waitingAtGateway();
    const timeout = armedAt(driver, 'timeout');
    const payment = armedAt(driver, 'payment');
    driver.now += 3_600_000;
    expect(driver.send({ type: 'TRIGGER_TIMER', timerKey: timeout.key }).rejection).toBeUndefined();
    expect(driver.current.completedElementIds).toEqual(['start', 'gateway', 'timeout', 'timed-out']);
    expect(driver.effects('TIMER_TRIGGERED').map(({ timer }) => timer.timerKey)).toEqual([timeout.key]);
    expect(driver.effects('TIMER_CANCELED')).toEqual([]);
    expect(correlate(driver, payment).rejection?.code).toBe('INVALID_STATE');
  });

  it('withdraws every event when the instance is canceled', async () => {
    const driver = await waitingAtGateway();
    driver.send({ type: 'CANCEL_INSTANCE' });
    expect(driver.current.state).toBe('TERMINATED');
    expect(driver.effects('MESSAGE_SUBSCRIPTION_CLOSED')).toHaveLength(2);
    expect(driver.effects('TIMER_CANCELED')).toHaveLength(1);
  });

  it('raises an incident when a correlation key cannot be evaluated, and arms again on resolution', async () => {
    const driver = new InstanceDriver(await loadProcess('event-gateway'));
    driver.create({});
    const [incident] = driver.openIncidents();
    expect(incident).toMatchObject({ elementId: 'gateway', errorType: 'EXTRACT_VALUE_ERROR' });
    expect(driver.effects('MESSAGE_SUBSCRIPTION_OPENED')).toEqual([]);
    expect(driver.effects('TIMER_SCHEDULED')).toEqual([]);
    driver.send({
      type: 'SET_VARIABLES',
      elementInstanceKey: driver.processInstanceKey,
      variables: { orderId: 'order-2' },
    });
    driver.send({ type: 'RESOLVE_INCIDENT', incidentKey: incident?.incidentKey ?? '' });
    expect(driver.effects('MESSAGE_SUBSCRIPTION_OPENED')).toHaveLength(2);
    expect(armedAt(driver, 'payment').messageSubscription?.correlationKey).toBe('order-2');
  });
});
