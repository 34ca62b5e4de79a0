// The behaviour every TimerStore adapter shares, run against each adapter.
import type { InstanceTimer, StartTimer, StoredTimer, TimerStore } from '../../src/timer-store';

const NOW = 1_000_000;

export function instanceTimer(timerKey: string, overrides: Partial<InstanceTimer> = {}): InstanceTimer {
  return {
    kind: 'instance',
    timerKey,
    processInstanceKey: '1',
    processDefinitionKey: '100',
    elementInstanceKey: '11',
    elementId: 'wait',
    dueDate: NOW,
    partition: 0,
    tenantId: '<default>',
    ...overrides,
  };
}

export function startTimer(timerKey: string, overrides: Partial<StartTimer> = {}): StartTimer {
  return {
    kind: 'start',
    timerKey,
    processDefinitionKey: '100',
    processDefinitionId: 'nightly',
    elementId: 'every-night',
    tenantId: '<default>',
    processInstanceKey: '5001',
    cycle: 'R3/PT1H',
    repetitionsLeft: 2,
    dueDate: NOW,
    partition: 1,
    ...overrides,
  };
}

const keys = (timers: readonly StoredTimer[]) => timers.map((timer) => timer.timerKey);

/** Registers the timer store cases; `createStore` gives an empty store per test. */
export function describeTimerStoreContract(name: string, createStore: () => Promise<TimerStore>): void {
  describe(`${name}: timer store contract`, () => {
    let store: TimerStore;
    beforeEach(async () => {
      store = await createStore();
    });

    it('gives back what it stored, instance and start timers alike', async () => {
      await store.schedule(instanceTimer('1'));
      await store.schedule(startTimer('2', { partition: 0 }));
      expect(await store.due([0], NOW, 10)).toEqual([instanceTimer('1'), startTimer('2', { partition: 0 })]);
    });

    it('finds the timers of the given partitions due by a time, earliest first, up to a limit', async () => {
      await store.schedule(instanceTimer('10', { dueDate: NOW + 30 }));
      await store.schedule(instanceTimer('9', { dueDate: NOW + 10 }));
      await store.schedule(instanceTimer('11', { dueDate: NOW + 10 }));
      await store.schedule(instanceTimer('12', { dueDate: NOW + 20, partition: 3 }));
      await store.schedule(instanceTimer('13', { dueDate: NOW + 31 }));
      await store.schedule(startTimer('14', { dueDate: NOW + 5, partition: 2 }));
      expect(keys(await store.due([0], NOW + 30, 10))).toEqual(['9', '11', '10']);
      expect(keys(await store.due([0, 3], NOW + 30, 10))).toEqual(['9', '11', '12', '10']);
      expect(keys(await store.due([0, 2, 3], NOW + 30, 2))).toEqual(['14', '9']);
      expect(keys(await store.due([0], NOW + 9, 10))).toEqual([]);
      expect(await store.due([], NOW + 100, 10)).toEqual([]);
    });

    it('replaces a timer stored again under its key, and forgets a removed one', async () => {
      await store.schedule(instanceTimer('1', { dueDate: NOW + 50 }));
      await store.schedule(instanceTimer('1', { dueDate: NOW + 5 }));
      expect(await store.due([0], NOW + 100, 10)).toEqual([instanceTimer('1', { dueDate: NOW + 5 })]);
      expect(await store.get('1')).toEqual(instanceTimer('1', { dueDate: NOW + 5 }));
      await store.remove('1');
      expect(await store.get('1')).toBeUndefined();
      await store.remove('1');
      await store.remove('never-stored');
      expect(await store.due([0], NOW + 100, 10)).toEqual([]);
    });

    it('keeps the due date of a suspended timer beside the one that keeps it from firing', async () => {
      const suspended = instanceTimer('3', { dueDate: Number.MAX_SAFE_INTEGER, suspendedDueDate: NOW });
      expect(await store.reschedule(NOW, suspended)).toBe(false);
      await store.schedule(instanceTimer('3'));
      expect(await store.reschedule(NOW, suspended)).toBe(true);
      expect(await store.due([0], NOW + 100, 10)).toEqual([]);
      expect(await store.get('3')).toEqual(suspended);
    });

    it('moves a timer on only from the due date it fired at', async () => {
      const fired = startTimer('7');
      await store.schedule(fired);
      const next = startTimer('7', {
        dueDate: NOW + 3_600_000,
        processInstanceKey: '5002',
        repetitionsLeft: 1,
      });
      expect(await store.reschedule(NOW, next)).toBe(true);
      // A second replica moving on from the same firing finds it moved already.
      expect(
        await store.reschedule(NOW, startTimer('7', { dueDate: NOW + 1, processInstanceKey: '5003' })),
      ).toBe(false);
      expect(await store.due([1], Number.MAX_SAFE_INTEGER, 10)).toEqual([next]);
      await store.remove('7');
      expect(await store.reschedule(next.dueDate, startTimer('7', { dueDate: NOW + 2 }))).toBe(false);
      expect(await store.due([1], Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
    });

    it('removes the start timers of every version of a process, and nothing else', async () => {
      await store.schedule(startTimer('1', { processDefinitionKey: '100' }));
      await store.schedule(startTimer('2', { processDefinitionKey: '101' }));
      await store.schedule(startTimer('3', { processDefinitionId: 'other' }));
      await store.schedule(instanceTimer('4', { partition: 1, processDefinitionKey: '100' }));
      await store.removeStartTimers('nightly');
      expect(keys(await store.due([1], NOW, 10)).sort()).toEqual(['3', '4']);
    });

    it('keeps stored timers apart from the objects given and returned', async () => {
      const timer = { ...instanceTimer('1') };
      await store.schedule(timer);
      (timer as { dueDate: number }).dueDate = NOW + 1_000;
      const [found] = await store.due([0], NOW, 1);
      (found as { elementId: string }).elementId = 'changed';
      expect(await store.due([0], NOW, 1)).toEqual([instanceTimer('1')]);
    });
  });
}
