// Event subprocesses started by a message or a timer (event-subprocess-triggers.bpmn): their
// subscriptions and timers are armed while their scope runs; an interrupting one ends the rest of
// its scope, a non-interrupting one runs beside it and can start again.
import type { ArmedBoundaryEvent } from '../../src';
import { InstanceDriver } from '../support/driver';
import { loadProcess } from '../support/fixtures';

async function running(): Promise<InstanceDriver> {
  const driver = new InstanceDriver(await loadProcess('event-subprocess-triggers'));
  driver.create({ orderId: 'order-1' });
  return driver;
}

function armedIn(driver: InstanceDriver, scopeElementId: string, startId: string): ArmedBoundaryEvent {
  const scope = Object.values(driver.current.elementInstances).find(
    (one) => one.elementId === scopeElementId && one.state === 'ACTIVE',
  );
  const armed = scope?.armedEvents?.find((one) => one.elementId === startId);
  if (!armed) throw new Error(`nothing armed for ${startId} in ${scopeElementId}`);
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

describe('message and timer event subprocesses', () => {
  it('arm when their scope is entered: the process at creation, the subprocess on entry', async () => {
    const driver = await running();
    expect(
      driver
        .effects('MESSAGE_SUBSCRIPTION_OPENED')
        .map(({ subscription }) => [
          subscription.elementId,
          subscription.messageName,
          subscription.correlationKey,
        ]),
    ).toEqual([
      ['cancel-start', 'order-cancelled', 'order-1'],
      ['update-start', 'order-updated', 'order-1'],
    ]);
    expect(
      driver.effects('TIMER_SCHEDULED').map(({ timer }) => [timer.elementId, timer.dueDate - driver.now]),
    ).toEqual([
      ['reminder-start', 600_000],
      ['deadline-start', 3_600_000],
    ]);
    expect(driver.liveTokens()).toEqual(['handle:ON_HOLD', 'work:ACTIVE']);
  });

  it('non-interrupting message: runs beside the scope, and starts again on the next message', async () => {
    const driver = await running();
    const first = armedIn(driver, 'handle', 'update-start');
    expect(correlate(driver, first, { change: 1 }).rejection).toBeUndefined();
    expect(driver.liveTokens()).toEqual([
      'apply-update:ACTIVE',
      'handle:ON_HOLD',
      'on-update:ON_HOLD',
      'work:ACTIVE',
    ]);
    const second = armedIn(driver, 'handle', 'update-start');
    expect(second.key).not.toBe(first.key);
    expect(
      driver
        .effects('MESSAGE_SUBSCRIPTION_OPENED')
        .map(({ subscription }) => subscription.elementInstanceKey),
    ).toEqual([second.key]);
    correlate(driver, second, { change: 2 });
    expect(driver.liveTokens().filter((token) => token.startsWith('apply-update'))).toHaveLength(2);
    expect(driver.rootVariables()).toMatchObject({ change: 2 });

    // The subprocess completes only once its event subprocesses have too; its subscription closes.
    driver.completeJob('work');
    expect(driver.liveTokens()).toContain('handle:ON_HOLD');
    driver.completeJob('apply-update');
    driver.completeJob('apply-update');
    expect(driver.liveTokens()).not.toContain('handle:ON_HOLD');
    expect(
      driver.effects('MESSAGE_SUBSCRIPTION_CLOSED').map(({ subscription }) => subscription.elementId),
    ).toContain('update-start');
  });

  it('interrupting message: ends everything else in the scope and every other start stops waiting', async () => {
    const driver = await running();
    const cancel = armedIn(driver, driver.model.processDefinitionId, 'cancel-start');
    correlate(driver, cancel, { reason: 'customer' });
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.rootVariables()).toEqual({ orderId: 'order-1', reason: 'customer' });
    expect(driver.current.completedElementIds).toEqual([
      'start',
      'handle-start',
      'cancel-start',
      'cancel-end',
      'on-cancel',
    ]);
    expect(driver.effects('JOB_CLOSED')).toHaveLength(1);
    expect(
      driver
        .effects('MESSAGE_SUBSCRIPTION_CLOSED')
        .map(({ subscription }) => subscription.elementId)
        .sort(),
    ).toEqual(['cancel-start', 'update-start']);
    expect(
      driver
        .effects('TIMER_CANCELED')
        .map(({ timer }) => timer.elementId)
        .sort(),
    ).toEqual(['deadline-start', 'reminder-start']);
  });

  it('non-interrupting timer cycle: fires once per repetition while the scope runs', async () => {
    const driver = await running();
    const first = armedIn(driver, driver.model.processDefinitionId, 'reminder-start');
    driver.now = first.timer?.dueDate ?? 0;
    driver.send({ type: 'TRIGGER_TIMER', timerKey: first.key });
    expect(driver.liveTokens()).toContain('remind:ACTIVE');
    const second = armedIn(driver, driver.model.processDefinitionId, 'reminder-start');
    expect(second.timer?.dueDate).toBe((first.timer?.dueDate ?? 0) + 600_000);
    driver.now = second.timer?.dueDate ?? 0;
    driver.send({ type: 'TRIGGER_TIMER', timerKey: second.key });
    expect(driver.liveTokens().filter((token) => token === 'remind:ACTIVE')).toHaveLength(2);
    // R2: two firings, then it waits no more.
    expect(() => armedIn(driver, driver.model.processDefinitionId, 'reminder-start')).toThrow();
  });

  it('interrupting timer: terminates the running subprocess and completes the instance', async () => {
    const driver = await running();
    const deadline = armedIn(driver, driver.model.processDefinitionId, 'deadline-start');
    driver.now = deadline.timer?.dueDate ?? 0;
    driver.send({ type: 'TRIGGER_TIMER', timerKey: deadline.key });
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.current.completedElementIds).toEqual([
      'start',
      'handle-start',
      'deadline-start',
      'deadline-end',
      'on-deadline',
    ]);
  });

  it('refuses an instance whose event subprocess correlation key cannot be evaluated', async () => {
    const driver = new InstanceDriver(await loadProcess('event-subprocess-triggers'));
    const result = driver.create({});
    expect(result.rejection?.code).toBe('INVALID_ARGUMENT');
    expect(result.rejection?.message).toContain('orderId');
  });
});
