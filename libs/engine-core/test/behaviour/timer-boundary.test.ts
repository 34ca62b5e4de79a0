// Timer boundary events (timer-boundary.bpmn): armed with their host (TIMER_SCHEDULED each),
// canceled with it; an interrupting one ends the host and leaves through itself, a
// non-interrupting cycle fires again for each repetition while the host runs on.
import type { ScheduledTimer } from '../../src';
import { InstanceDriver, START_TIME } from '../support/driver';
import { loadProcess } from '../support/fixtures';
import { buildModel, jobDefinition } from '../support/model-builder';

const MINUTE = 60_000;

async function boundaryDriver(): Promise<InstanceDriver> {
  const driver = new InstanceDriver(await loadProcess('timer-boundary'));
  driver.create();
  return driver;
}

/** The timers armed on the host `work`, by boundary event id, as the runtime sees them. */
function armedTimers(driver: InstanceDriver): Record<string, ScheduledTimer> {
  const host = Object.values(driver.current.elementInstances).find(
    (instance) => instance.elementId === 'work' && instance.state === 'ACTIVE',
  );
  const timers: Record<string, ScheduledTimer> = {};
  for (const armed of host?.armedBoundaryEvents ?? []) {
    if (!armed.timer) continue;
    timers[armed.elementId] = {
      timerKey: armed.timer.timerKey,
      processInstanceKey: driver.processInstanceKey,
      processDefinitionKey: driver.definition.processDefinitionKey,
      elementInstanceKey: host!.key,
      elementId: armed.elementId,
      dueDate: armed.timer.dueDate,
      tenantId: '<default>',
    };
  }
  return timers;
}

function trigger(driver: InstanceDriver, timer: Pick<ScheduledTimer, 'timerKey' | 'dueDate'>) {
  driver.now = Math.max(driver.now, timer.dueDate);
  return driver.send({ type: 'TRIGGER_TIMER', timerKey: timer.timerKey });
}

describe('timer boundary events (timer-boundary.bpmn)', () => {
  it('are armed when the host is entered, each with its own timer', async () => {
    const driver = await boundaryDriver();
    const { deadline, reminder } = armedTimers(driver);
    expect(deadline?.dueDate).toBe(START_TIME + 60 * MINUTE);
    expect(reminder?.dueDate).toBe(START_TIME + 10 * MINUTE);
    expect(driver.effects('TIMER_SCHEDULED').map((effect) => effect.timer)).toEqual([deadline, reminder]);
    expect(driver.activeElementIds()).toEqual(['work']);
  });

  it('non-interrupting cycle: fires for each repetition while the host runs on, then no more', async () => {
    const driver = await boundaryDriver();
    const first = armedTimers(driver).reminder!;
    trigger(driver, first);
    const second = armedTimers(driver).reminder!;
    expect(driver.effects('TIMER_TRIGGERED')).toEqual([{ type: 'TIMER_TRIGGERED', timer: first }]);
    expect(driver.effects('TIMER_SCHEDULED')).toEqual([{ type: 'TIMER_SCHEDULED', timer: second }]);
    expect(second.timerKey).not.toBe(first.timerKey);
    expect(second.dueDate).toBe(first.dueDate + 10 * MINUTE);
    expect(driver.activeElementIds()).toEqual(['work']);
    expect(driver.current.completedElementIds).toEqual(['start', 'reminder', 'reminded']);
    expect(driver.job('work').state).toBe('ACTIVATABLE');

    trigger(driver, second);
    expect(driver.effects('TIMER_SCHEDULED')).toEqual([]);
    expect(Object.keys(armedTimers(driver))).toEqual(['deadline']);
    expect(trigger(driver, second).rejection?.code).toBe('NOT_FOUND');
    expect(trigger(driver, first).rejection?.code).toBe('NOT_FOUND');
  });

  it('interrupting: ends the host (its job, the other timer) and leaves through the boundary event', async () => {
    const driver = await boundaryDriver();
    const { deadline, reminder } = armedTimers(driver);
    const jobKey = driver.job('work').jobKey;
    trigger(driver, deadline!);
    expect(driver.effects('TIMER_TRIGGERED')).toEqual([{ type: 'TIMER_TRIGGERED', timer: deadline }]);
    expect(driver.effects('TIMER_CANCELED')).toEqual([{ type: 'TIMER_CANCELED', timer: reminder }]);
    expect(driver.effects('JOB_CLOSED')).toEqual([
      { type: 'JOB_CLOSED', jobKey, processInstanceKey: driver.processInstanceKey },
    ]);
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.current.completedElementIds).toEqual(['start', 'deadline', 'escalated']);
    expect(trigger(driver, reminder!).rejection?.code).toBe('INVALID_STATE');
  });

  it('are canceled when the host completes', async () => {
    const driver = await boundaryDriver();
    const { deadline, reminder } = armedTimers(driver);
    driver.completeJob('work');
    expect(driver.effects('TIMER_CANCELED').map((effect) => effect.timer)).toEqual([deadline, reminder]);
    expect(driver.current.completedElementIds).toEqual(['start', 'work', 'end']);
  });

  it('are canceled with the instance', async () => {
    const driver = await boundaryDriver();
    const { deadline, reminder } = armedTimers(driver);
    driver.send({ type: 'CANCEL_INSTANCE' });
    expect(driver.effects('TIMER_CANCELED').map((effect) => effect.timer)).toEqual([deadline, reminder]);
  });
});

describe('timer boundary event values', () => {
  function hostWithBoundary(value: string, cancelActivity: boolean, kind: 'duration' | 'cycle' = 'duration') {
    const timerValue = value.startsWith('=')
      ? ({ kind: 'feel', expression: value.slice(1) } as const)
      : ({ kind: 'static', value } as const);
    const model = buildModel(
      'boundary-values',
      [
        { id: 'start', kind: 'startEvent' },
        { id: 'work', kind: 'serviceTask', job: jobDefinition('work') },
        { id: 'end', kind: 'endEvent', terminate: false },
        {
          id: 'timer',
          kind: 'boundaryEvent',
          attachedToId: 'work',
          cancelActivity,
          trigger: { kind: 'timer', timer: { kind, value: timerValue } },
        },
        { id: 'after-timer', kind: 'endEvent', terminate: false },
      ],
      [
        ['start', 'work'],
        ['work', 'end'],
        ['timer', 'after-timer'],
      ],
    );
    const work = model.elements['work']!;
    return new InstanceDriver({
      ...model,
      elements: { ...model.elements, work: { ...work, boundaryEventIds: ['timer'] } },
    });
  }

  it('a non-interrupting duration fires once, and the host runs on', () => {
    const driver = hostWithBoundary('PT5M', false);
    driver.create();
    const host = Object.values(driver.current.elementInstances).find(
      (instance) => instance.elementId === 'work',
    );
    const armed = host!.armedBoundaryEvents![0]!;
    expect(armed.timer?.dueDate).toBe(START_TIME + 5 * MINUTE);
    trigger(driver, armed.timer!);
    expect(driver.effects('TIMER_SCHEDULED')).toEqual([]);
    expect(driver.activeElementIds()).toEqual(['work']);
    expect(driver.current.completedElementIds).toEqual(['start', 'timer', 'after-timer']);
    driver.completeJob('work');
    expect(driver.effects('TIMER_CANCELED')).toEqual([]);
    expect(driver.current.state).toBe('COMPLETED');
  });

  it('a value that cannot be evaluated raises an incident on the host, which then arms nothing', () => {
    const driver = hostWithBoundary('=escalateAfter', true);
    driver.create();
    const [incident] = driver.openIncidents();
    expect(incident).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'work' });
    expect(driver.effects('TIMER_SCHEDULED')).toEqual([]);
    driver.send({
      type: 'SET_VARIABLES',
      elementInstanceKey: driver.processInstanceKey,
      variables: { escalateAfter: 'PT2H' },
    });
    driver.send({ type: 'RESOLVE_INCIDENT', incidentKey: incident!.incidentKey });
    expect(driver.effects('TIMER_SCHEDULED').map((effect) => effect.timer.dueDate)).toEqual([
      driver.now + 120 * MINUTE,
    ]);
  });
});
