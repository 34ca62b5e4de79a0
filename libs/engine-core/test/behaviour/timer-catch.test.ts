// Intermediate timer catch events: entering one arms its timer (the value evaluated then, FEEL
// allowed) and announces it with TIMER_SCHEDULED; TRIGGER_TIMER moves the token on; a trigger for
// a timer no longer armed is refused without a change; termination cancels the timer.
import type { ScheduledTimer } from '../../src';
import { InstanceDriver, START_TIME } from '../support/driver';
import { loadProcess } from '../support/fixtures';
import { buildModel } from '../support/model-builder';

async function timerCatchDriver(): Promise<InstanceDriver> {
  return new InstanceDriver(await loadProcess('timer-catch'));
}

/** The timer armed at an element, as the runtime sees it (from the state). */
function armedTimerAt(driver: InstanceDriver, elementId: string): ScheduledTimer {
  const instance = Object.values(driver.current.elementInstances).find(
    (candidate) => candidate.elementId === elementId && candidate.state === 'ACTIVE',
  );
  if (!instance?.timer) throw new Error(`no armed timer at ${elementId}`);
  return {
    timerKey: instance.timer.timerKey,
    processInstanceKey: driver.processInstanceKey,
    processDefinitionKey: driver.definition.processDefinitionKey,
    elementInstanceKey: instance.key,
    elementId,
    dueDate: instance.timer.dueDate,
    tenantId: '<default>',
  };
}

function trigger(driver: InstanceDriver, timer: Pick<ScheduledTimer, 'timerKey'>) {
  return driver.send({ type: 'TRIGGER_TIMER', timerKey: timer.timerKey });
}

/** A process start → timer catch `wait` (timeDuration `value`) → end, built in code. */
function durationCatch(value: string) {
  const timerValue = value.startsWith('=')
    ? ({ kind: 'feel', expression: value.slice(1) } as const)
    : ({ kind: 'static', value } as const);
  return new InstanceDriver(
    buildModel(
      'duration-catch',
      [
        { id: 'start', kind: 'startEvent' },
        { id: 'wait', kind: 'intermediateCatchEvent', timer: { kind: 'duration', value: timerValue } },
        { id: 'end', kind: 'endEvent', terminate: false },
      ],
      [
        ['start', 'wait'],
        ['wait', 'end'],
      ],
    ),
  );
}

describe('intermediate timer catch event (timer-catch.bpmn)', () => {
  it('arms its timer on entry, due one duration later, and waits', async () => {
    const driver = await timerCatchDriver();
    driver.create({ deadline: '2025-01-02T00:00:00Z' });
    const timer = armedTimerAt(driver, 'cooling-off');
    expect(timer.dueDate).toBe(START_TIME + 10_000);
    expect(driver.effects('TIMER_SCHEDULED')).toEqual([{ type: 'TIMER_SCHEDULED', timer }]);
    expect(driver.liveTokens()).toEqual(['cooling-off:ACTIVE']);
    expect(driver.activeElementIds()).toEqual(['cooling-off']);
  });

  it('moves on when triggered: the next timer is armed at the date its FEEL expression gives', async () => {
    const driver = await timerCatchDriver();
    driver.create({ deadline: '2025-01-02T00:00:00+01:00' });
    const cooling = armedTimerAt(driver, 'cooling-off');
    driver.now = cooling.dueDate + 25;
    const result = trigger(driver, cooling);
    expect(result.rejection).toBeUndefined();
    expect(driver.effects('TIMER_TRIGGERED')).toEqual([{ type: 'TIMER_TRIGGERED', timer: cooling }]);
    const deadline = armedTimerAt(driver, 'until-deadline');
    expect(new Date(deadline.dueDate).toISOString()).toBe('2025-01-01T23:00:00.000Z');
    expect(driver.effects('TIMER_SCHEDULED').map((effect) => effect.timer)).toEqual([deadline]);
    expect(deadline.timerKey).not.toBe(cooling.timerKey);

    trigger(driver, deadline);
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.effects('INSTANCE_EVENT')[0]?.event.completedElementIds).toEqual([
      'start',
      'cooling-off',
      'until-deadline',
      'end',
    ]);
  });

  it('is due at once when its date has passed', async () => {
    const driver = await timerCatchDriver();
    driver.create({ deadline: '2020-01-01T00:00:00Z' });
    const cooling = armedTimerAt(driver, 'cooling-off');
    driver.now = cooling.dueDate;
    trigger(driver, cooling);
    expect(armedTimerAt(driver, 'until-deadline').dueDate).toBe(driver.now);
  });

  it('refuses a trigger for a timer that fired already, or that it never armed, without a change', async () => {
    const driver = await timerCatchDriver();
    driver.create({ deadline: '2025-01-02T00:00:00Z' });
    const cooling = armedTimerAt(driver, 'cooling-off');
    trigger(driver, cooling);
    const before = driver.current;
    for (const timerKey of [cooling.timerKey, '424242']) {
      const refused = trigger(driver, { timerKey });
      expect(refused.rejection).toEqual({
        code: 'NOT_FOUND',
        message: `Expected to trigger timer with key '${timerKey}', but no such timer was found.`,
      });
      expect(refused.state).toBe(before);
      expect(refused.effects).toEqual([]);
    }
  });

  it('cancels its timer when the instance is canceled', async () => {
    const driver = await timerCatchDriver();
    driver.create({ deadline: '2025-01-02T00:00:00Z' });
    const cooling = armedTimerAt(driver, 'cooling-off');
    driver.send({ type: 'CANCEL_INSTANCE' });
    expect(driver.effects('TIMER_CANCELED')).toEqual([{ type: 'TIMER_CANCELED', timer: cooling }]);
    expect(driver.current.state).toBe('TERMINATED');
    expect(trigger(driver, cooling).rejection?.code).toBe('INVALID_STATE');
  });

  it('raises an incident when the value cannot be evaluated, and arms once it is resolved', async () => {
    const driver = await timerCatchDriver();
    driver.create({});
    trigger(driver, armedTimerAt(driver, 'cooling-off'));
    const [missing] = driver.openIncidents();
    expect(missing).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'until-deadline' });
    expect(missing?.errorMessage).toContain('deadline');
    expect(driver.effects('TIMER_SCHEDULED')).toEqual([]);

    const waiting = Object.values(driver.current.elementInstances).find(
      (instance) => instance.elementId === 'until-deadline',
    );
    driver.send({
      type: 'SET_VARIABLES',
      elementInstanceKey: driver.processInstanceKey,
      variables: { deadline: 'next tuesday' },
    });
    driver.send({ type: 'RESOLVE_INCIDENT', incidentKey: missing!.incidentKey });
    const [invalid] = driver.openIncidents();
    expect(invalid?.errorMessage).toBe(
      "Invalid timeDate 'next tuesday': 'next tuesday' is not an ISO 8601 date-time (e.g. 2026-01-01T09:00:00Z or 2026-01-01T09:00:00+01:00)",
    );

    driver.send({
      type: 'SET_VARIABLES',
      elementInstanceKey: driver.processInstanceKey,
      variables: { deadline: '2025-01-03T00:00:00Z' },
    });
    driver.send({ type: 'RESOLVE_INCIDENT', incidentKey: invalid!.incidentKey });
    expect(driver.openIncidents()).toEqual([]);
    const armed = armedTimerAt(driver, 'until-deadline');
    expect(armed.elementInstanceKey).toBe(waiting?.key);
    expect(new Date(armed.dueDate).toISOString()).toBe('2025-01-03T00:00:00.000Z');
  });
});

describe('timer catch event values', () => {
  it('takes a FEEL duration value or text', () => {
    const fromFunction = durationCatch('=duration("PT" + string(seconds) + "S")');
    fromFunction.create({ seconds: 90 });
    expect(armedTimerAt(fromFunction, 'wait').dueDate).toBe(START_TIME + 90_000);

    const fractional = durationCatch('PT0.5S');
    fractional.create();
    expect(armedTimerAt(fractional, 'wait').dueDate).toBe(START_TIME + 500);
  });

  it('refuses a FEEL value that is no text', () => {
    const driver = durationCatch('=seconds');
    driver.create({ seconds: [1] });
    expect(driver.openIncidents()[0]?.errorMessage).toContain("to be 'STRING', but was 'ARRAY'");
  });
});
