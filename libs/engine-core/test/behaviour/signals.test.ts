// Signal events in one instance: each catch kind (intermediate catch, boundary interrupting and
// not, event subprocess start interrupting and not) opens a subscription under its key when it
// starts waiting and fires on TRIGGER_SIGNAL with the broadcast's variables; throw and end events
// ask for a broadcast with their input mappings' variables; a process-level signal start event is
// where a broadcast's new instance starts. Matching broadcasts to subscriptions is the runtime's.
import { compileBpmn } from '@baton/bpmn';
import type { SignalSubscription } from '../../src';
import { InstanceDriver } from '../support/driver';

const HEADER = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">`;

function task(id: string): string {
  return `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${id}" /></bpmn:extensionElements></bpmn:serviceTask>`;
}

function flows(...pairs: readonly (readonly [string, string])[]): string {
  return pairs
    .map(([from, to]) => `<bpmn:sequenceFlow id="${from}-${to}" sourceRef="${from}" targetRef="${to}" />`)
    .join('');
}

async function driverFor(
  body: string,
  signals = '<bpmn:signal id="go" name="go" />',
): Promise<InstanceDriver> {
  const xml = `${HEADER}<bpmn:process id="p" isExecutable="true">${body}</bpmn:process>${signals}</bpmn:definitions>`;
  const result = await compileBpmn(xml, { resourceName: 'signals.bpmn' });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return new InstanceDriver(result.processes[0] as NonNullable<(typeof result.processes)[0]>);
}

/** The one subscription the last command opened. */
function opened(driver: InstanceDriver): SignalSubscription {
  const [effect, ...more] = driver.effects('SIGNAL_SUBSCRIPTION_OPENED');
  if (!effect || more.length > 0) throw new Error('expected one signal subscription to open');
  return effect.subscription;
}

function trigger(
  driver: InstanceDriver,
  subscription: SignalSubscription,
  variables: Record<string, unknown> = {},
  signalKey = '7001',
) {
  return driver.send({
    type: 'TRIGGER_SIGNAL',
    elementInstanceKey: subscription.elementInstanceKey,
    signalKey,
    signalName: subscription.signalName,
    variables,
  });
}

describe('signal events', () => {
  it('intermediate catch: opens a subscription with the evaluated name, completes on the signal with its variables', async () => {
    const driver = await driverFor(
      `<bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="named" /></bpmn:intermediateCatchEvent><bpmn:endEvent id="end" />${flows(['start', 'wait'], ['wait', 'end'])}`,
      '<bpmn:signal id="named" name="=&quot;ready-&quot; + region" />',
    );
    driver.create({ region: 'north' });
    const subscription = opened(driver);
    expect(subscription).toMatchObject({
      processInstanceKey: driver.processInstanceKey,
      elementId: 'wait',
      signalName: 'ready-north',
      tenantId: '<default>',
    });
    expect(driver.activeElementIds()).toEqual(['wait']);

    const result = trigger(driver, subscription, { approved: true });
    expect(result.rejection).toBeUndefined();
    expect(driver.effects('SIGNAL_SUBSCRIPTION_CLOSED')).toEqual([
      { type: 'SIGNAL_SUBSCRIPTION_CLOSED', subscription },
    ]);
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.rootVariables()).toEqual({ region: 'north', approved: true });

    // The same broadcast again, or one of another name, finds nothing waiting: refused, no change.
    expect(trigger(driver, subscription).rejection).toBeDefined();
  });

  it('intermediate catch: a signal of another name is refused; cancelling closes the subscription', async () => {
    const driver = await driverFor(
      `<bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="go" /></bpmn:intermediateCatchEvent><bpmn:endEvent id="end" />${flows(['start', 'wait'], ['wait', 'end'])}`,
    );
    driver.create({});
    const subscription = opened(driver);
    const refused = trigger(driver, { ...subscription, signalName: 'other' });
    expect(refused.rejection?.code).toBe('NOT_FOUND');
    expect(refused.effects).toEqual([]);
    expect(driver.liveTokens()).toEqual(['wait:ACTIVE']);
    driver.send({ type: 'CANCEL_INSTANCE' });
    expect(driver.effects('SIGNAL_SUBSCRIPTION_CLOSED')).toEqual([
      { type: 'SIGNAL_SUBSCRIPTION_CLOSED', subscription },
    ]);
  });

  it('a failing signal name expression raises an incident on the catch event', async () => {
    const driver = await driverFor(
      `<bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="bad" /></bpmn:intermediateCatchEvent><bpmn:endEvent id="end" />${flows(['start', 'wait'], ['wait', 'end'])}`,
      '<bpmn:signal id="bad" name="=missing" />',
    );
    driver.create({});
    expect(driver.effects('SIGNAL_SUBSCRIPTION_OPENED')).toEqual([]);
    expect(driver.openIncidents()).toEqual([
      expect.objectContaining({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'wait' }),
    ]);
  });

  it('interrupting boundary event: the host ends and the token leaves through the boundary event', async () => {
    const driver = await driverFor(
      `<bpmn:startEvent id="start" />${task('work')}<bpmn:boundaryEvent id="stop" attachedToRef="work"><bpmn:signalEventDefinition signalRef="go" /></bpmn:boundaryEvent><bpmn:endEvent id="done" /><bpmn:endEvent id="stopped" />${flows(['start', 'work'], ['work', 'done'], ['stop', 'stopped'])}`,
    );
    driver.create({});
    const subscription = opened(driver);
    expect(subscription).toMatchObject({ elementId: 'stop', signalName: 'go' });
    trigger(driver, subscription, { reason: 'recall' });
    expect(driver.effects('JOB_CLOSED')).toHaveLength(1);
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.current.completedElementIds).toEqual(['start', 'stop', 'stopped']);
    expect(driver.rootVariables()).toEqual({ reason: 'recall' });
  });

  it('non-interrupting boundary event: the host runs on and the event waits again under the same key', async () => {
    const driver = await driverFor(
      `<bpmn:startEvent id="start" />${task('work')}<bpmn:boundaryEvent id="note" attachedToRef="work" cancelActivity="false"><bpmn:signalEventDefinition signalRef="go" /></bpmn:boundaryEvent><bpmn:endEvent id="done" /><bpmn:endEvent id="noted" />${flows(['start', 'work'], ['work', 'done'], ['note', 'noted'])}`,
    );
    driver.create({});
    const first = opened(driver);
    trigger(driver, first);
    // Closed and opened again under its key (as Zeebe keeps it): a trigger a broadcast sent before
    // this one was applied, naming that key, still finds it.
    const second = opened(driver);
    expect(second).toEqual(first);
    expect(driver.effects('SIGNAL_SUBSCRIPTION_CLOSED')).toEqual([
      { type: 'SIGNAL_SUBSCRIPTION_CLOSED', subscription: first },
    ]);
    expect(driver.activeElementIds()).toEqual(['work']);
    trigger(driver, second, {}, '7002');
    expect(opened(driver)).toEqual(first);
    expect(driver.current.completedElementIds).toEqual(expect.arrayContaining(['note', 'noted']));
    expect(driver.liveTokens()).toEqual(['work:ACTIVE']);
    // The host's completion disarms the event: its subscription closes.
    driver.completeJob('work');
    expect(driver.effects('SIGNAL_SUBSCRIPTION_CLOSED')).toEqual([
      { type: 'SIGNAL_SUBSCRIPTION_CLOSED', subscription: expect.objectContaining({ elementId: 'note' }) },
    ]);
    expect(driver.current.state).toBe('COMPLETED');
  });

  it('interrupting event subprocess: armed with its scope, ends the rest of the scope when the signal comes', async () => {
    const driver = await driverFor(
      `<bpmn:startEvent id="start" />${task('work')}<bpmn:endEvent id="end" />${flows(['start', 'work'], ['work', 'end'])}
      <bpmn:subProcess id="on-go" triggeredByEvent="true"><bpmn:startEvent id="go-start"><bpmn:signalEventDefinition signalRef="go" /></bpmn:startEvent>${task('react')}<bpmn:endEvent id="go-end" />${flows(['go-start', 'react'], ['react', 'go-end'])}</bpmn:subProcess>`,
    );
    driver.create({});
    const subscription = opened(driver);
    expect(subscription).toMatchObject({ elementId: 'go-start', signalName: 'go' });
    trigger(driver, subscription, { urgent: true });
    expect(driver.effects('JOB_CLOSED')).toHaveLength(1);
    expect(driver.activeElementIds()).toEqual(['on-go', 'react']);
    expect(driver.rootVariables()).toEqual({ urgent: true });
    driver.completeJob('react');
    expect(driver.current.state).toBe('COMPLETED');
  });

  it('non-interrupting event subprocess: runs beside the rest, and its start waits again under its key', async () => {
    const driver = await driverFor(
      `<bpmn:startEvent id="start" />${task('work')}<bpmn:endEvent id="end" />${flows(['start', 'work'], ['work', 'end'])}
      <bpmn:subProcess id="on-go" triggeredByEvent="true"><bpmn:startEvent id="go-start" isInterrupting="false"><bpmn:signalEventDefinition signalRef="go" /></bpmn:startEvent><bpmn:endEvent id="go-end" />${flows(['go-start', 'go-end'])}</bpmn:subProcess>`,
    );
    driver.create({});
    const first = opened(driver);
    trigger(driver, first);
    const again = opened(driver);
    expect(again).toEqual(first);
    expect(driver.activeElementIds()).toEqual(['work']);
    expect(driver.current.completedElementIds).toEqual(
      expect.arrayContaining(['go-start', 'go-end', 'on-go']),
    );
    driver.completeJob('work');
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.effects('SIGNAL_SUBSCRIPTION_CLOSED')).toEqual([
      { type: 'SIGNAL_SUBSCRIPTION_CLOSED', subscription: again },
    ]);
  });

  it('intermediate throw event: asks for a broadcast with its input mappings, then moves on', async () => {
    const driver = await driverFor(
      `<bpmn:startEvent id="start" /><bpmn:intermediateThrowEvent id="raise"><bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=orderId" target="order" /></zeebe:ioMapping></bpmn:extensionElements><bpmn:signalEventDefinition signalRef="named" /></bpmn:intermediateThrowEvent>${task('after')}<bpmn:endEvent id="end" />${flows(['start', 'raise'], ['raise', 'after'], ['after', 'end'])}`,
      '<bpmn:signal id="named" name="=&quot;order-&quot; + kind" />',
    );
    driver.create({ orderId: 'o-1', kind: 'placed' });
    const [broadcast, ...more] = driver.effects('SIGNAL_BROADCAST_REQUESTED');
    expect(more).toEqual([]);
    expect(broadcast).toEqual({
      type: 'SIGNAL_BROADCAST_REQUESTED',
      signalKey: expect.any(String),
      signalName: 'order-placed',
      variables: { order: 'o-1' },
      tenantId: '<default>',
    });
    expect(driver.activeElementIds()).toEqual(['after']);
  });

  it('signal end event: asks for a broadcast and ends like a none end event', async () => {
    const driver = await driverFor(
      `<bpmn:startEvent id="start" /><bpmn:endEvent id="end"><bpmn:signalEventDefinition signalRef="go" /></bpmn:endEvent>${flows(['start', 'end'])}`,
    );
    driver.create({ a: 1 });
    expect(driver.effects('SIGNAL_BROADCAST_REQUESTED')).toEqual([
      expect.objectContaining({ signalName: 'go', variables: {} }),
    ]);
    expect(driver.current.state).toBe('COMPLETED');
  });

  it('signal start event: a create at it (what a broadcast sends) starts there with the signal variables', async () => {
    const driver = await driverFor(
      `<bpmn:startEvent id="on-go"><bpmn:signalEventDefinition signalRef="go" /></bpmn:startEvent>${task('work')}<bpmn:endEvent id="end" />${flows(['on-go', 'work'], ['work', 'end'])}`,
    );
    driver.create({ from: 'signal' }, { startInstructions: [{ elementId: 'on-go' }] });
    expect(driver.activeElementIds()).toEqual(['work']);
    expect(driver.current.completedElementIds).toEqual(['on-go']);
    expect(driver.rootVariables()).toEqual({ from: 'signal' });
  });

  it('after an event-based gateway: the signal wins, the timer is canceled and the gateway moves on through it', async () => {
    const driver = await driverFor(
      `<bpmn:startEvent id="start" /><bpmn:eventBasedGateway id="gateway" /><bpmn:intermediateCatchEvent id="on-go"><bpmn:signalEventDefinition signalRef="go" /></bpmn:intermediateCatchEvent><bpmn:intermediateCatchEvent id="timeout"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent><bpmn:endEvent id="went" /><bpmn:endEvent id="timed-out" />${flows(['start', 'gateway'], ['gateway', 'on-go'], ['gateway', 'timeout'], ['on-go', 'went'], ['timeout', 'timed-out'])}`,
    );
    driver.create({});
    const subscription = opened(driver);
    expect(subscription).toMatchObject({ elementId: 'on-go', signalName: 'go' });
    expect(driver.effects('TIMER_SCHEDULED')).toHaveLength(1);
    trigger(driver, subscription, { go: true });
    expect(driver.effects('TIMER_CANCELED')).toHaveLength(1);
    expect(driver.effects('SIGNAL_SUBSCRIPTION_CLOSED')).toEqual([
      { type: 'SIGNAL_SUBSCRIPTION_CLOSED', subscription },
    ]);
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.current.completedElementIds).toEqual(['start', 'gateway', 'on-go', 'went']);
    expect(driver.rootVariables()).toEqual({ go: true });
  });

  it('a suspended instance holds the signal and applies it on activation', async () => {
    const driver = await driverFor(
      `<bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="go" /></bpmn:intermediateCatchEvent><bpmn:endEvent id="end" />${flows(['start', 'wait'], ['wait', 'end'])}`,
    );
    driver.create({});
    const subscription = opened(driver);
    driver.send({ type: 'SUSPEND_INSTANCE' });
    trigger(driver, subscription, { late: true });
    expect(driver.activeElementIds()).toEqual(['wait']);
    driver.send({ type: 'ACTIVATE_INSTANCE' });
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.rootVariables()).toEqual({ late: true });
  });
});
