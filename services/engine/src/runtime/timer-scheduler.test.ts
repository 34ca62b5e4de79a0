// The timer scheduler on the in-memory timer store, a bus that records what it is asked to produce
// and Jest's fake clock: timers fire once their due date has passed and never before, only those of
// the partitions the replica owns, each as a command whose id names the timer and its due date;
// start timers create instances and move on through their cycle.
import { batonTopics } from '@baton/topics';
import { compileBpmn } from '@baton/bpmn';
import type { EngineCommand } from '@baton/contracts';
import type { ScheduledTimer } from '@baton/engine-core';
import type { MessageBus, OutgoingMessage, Subscription } from '@baton/messaging';
import { InMemoryTimerStore, type InstanceTimer, type StoredDefinition } from '@baton/store';
import { TimerScheduler, type TimerSchedulerOptions } from './timer-scheduler';

const COMMANDS_TOPIC = batonTopics('test.').engineCommands;
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

class RecordingBus implements MessageBus {
  readonly produced: { at: number; command: EngineCommand; key: string }[] = [];
  failNext = false;

  produce(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    expect(topic).toBe(COMMANDS_TOPIC.name);
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('broker away'));
    }
    for (const message of messages)
      this.produced.push({ at: Date.now(), command: message.value as EngineCommand, key: message.key });
    return Promise.resolve();
  }
  subscribe(): Promise<Subscription> {
    return Promise.reject(new Error('not used by the scheduler'));
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

function timer(timerKey: string, dueDate: number, processInstanceKey = `pi-${timerKey}`): ScheduledTimer {
  return {
    timerKey,
    processInstanceKey,
    processDefinitionKey: 'def-1',
    elementInstanceKey: `ei-${timerKey}`,
    elementId: 'wait',
    dueDate,
    tenantId: '<default>',
  };
}

/** Partition of a key in these tests: the number after its last dash, modulo 2 (`pi-4` → 0). */
function partitionOf(key: string): number {
  return Number(key.split('-').pop()) % 2;
}

function setup(options: Partial<TimerSchedulerOptions> = {}) {
  let key = 9000;
  const store = new InMemoryTimerStore();
  const bus = new RecordingBus();
  const errors: unknown[] = [];
  const scheduler = new TimerScheduler({
    store,
    bus,
    commandsTopic: COMMANDS_TOPIC,
    partitionOf,
    nextKey: () => String(key++),
    clock: Date.now,
    maxSleepMs: 5000,
    onError: (error) => errors.push(error),
    ...options,
  });
  return { store, bus, scheduler, errors };
}

async function deployedDefinition(xml: string): Promise<StoredDefinition> {
  const result = await compileBpmn(xml);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  const model = result.processes[0]!;
  return {
    processDefinitionKey: 'def-7',
    processDefinitionId: model.processDefinitionId,
    processDefinitionVersion: 1,
    resourceName: 'start.bpmn',
    tenantId: '<default>',
    deploymentKey: 'd-1',
    bpmnXml: xml,
    checksum: 'x',
    model,
    deployedAt: new Date(T0).toISOString(),
  };
}

function startTimerXml(processId: string, definition: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="x">
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="tick"><bpmn:timerEventDefinition id="t">${definition}</bpmn:timerEventDefinition></bpmn:startEvent>
    <bpmn:endEvent id="end"/>
    <bpmn:sequenceFlow id="f" sourceRef="tick" targetRef="end"/>
  </bpmn:process>
</bpmn:definitions>`;
}

// The clock is fake, so no test here waits on time; but the first compile of a model loads the BPMN
// and FEEL packages cold, which took past jest's 5 s default in full-suite runs on the shared cores.
jest.setTimeout(30_000);

beforeEach(() => {
  jest.useFakeTimers({ now: T0 });
});
afterEach(() => {
  jest.useRealTimers();
});

describe('TimerScheduler', () => {
  it('fires a timer once its due date has passed, never before, and forgets it', async () => {
    const { store, bus, scheduler } = setup();
    scheduler.assign([0, 1]);
    await scheduler.applyTimerChanges([{ kind: 'schedule', timer: timer('t-1', T0 + 1500) }]);
    await jest.advanceTimersByTimeAsync(1499);
    expect(bus.produced).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(bus.produced).toEqual([
      {
        at: T0 + 1500,
        key: 'pi-t-1',
        command: {
          type: 'TRIGGER_TIMER',
          commandId: `timer:t-1:${T0 + 1500}`,
          processInstanceKey: 'pi-t-1',
          timerKey: 't-1',
        },
      },
    ]);
    expect(await store.due([0, 1], Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(bus.produced).toHaveLength(1);
    await scheduler.close();
  });

  it('stores a timer armed while its job definition is suspended parked: it fires only once put back, then at once', async () => {
    const { store, bus, scheduler } = setup({ armsSuspended: (armed) => armed.timerKey === 't-1' });
    scheduler.assign([0, 1]);
    await scheduler.applyTimerChanges([
      { kind: 'schedule', timer: timer('t-1', T0 + 100) },
      { kind: 'schedule', timer: timer('t-2', T0 + 200) },
    ]);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(bus.produced.map((entry) => entry.key)).toEqual(['pi-t-2']);
    const held = (await store.get('t-1')) as InstanceTimer;
    expect(held.suspendedDueDate).toBe(T0 + 100);
    const { suspendedDueDate: _kept, ...putBack } = { ...held, dueDate: T0 + 100 };
    await store.schedule(putBack);
    scheduler.stored(putBack);
    await jest.advanceTimersByTimeAsync(0);
    expect(bus.produced.map((entry) => [entry.key, entry.at])).toEqual([
      ['pi-t-2', T0 + 200],
      ['pi-t-1', T0 + 10_000],
    ]);
    await scheduler.close();
  });

  it('fires only the timers of the partitions it owns, and those of partitions it takes over at once', async () => {
    const { bus, scheduler } = setup();
    scheduler.assign([0]);
    await scheduler.applyTimerChanges([
      { kind: 'schedule', timer: timer('a', T0 + 100, 'pi-2') },
      { kind: 'schedule', timer: timer('b', T0 + 100, 'pi-3') },
    ]);
    await jest.advanceTimersByTimeAsync(1000);
    expect(bus.produced.map((entry) => entry.key)).toEqual(['pi-2']);
    scheduler.assign([0, 1]);
    await jest.advanceTimersByTimeAsync(0);
    expect(bus.produced.map((entry) => `${entry.key}@${entry.at - T0}`)).toEqual(['pi-2@100', 'pi-3@1000']);
    await scheduler.close();
  });

  it('wakes earlier for a timer that falls due before the one it sleeps for', async () => {
    const { bus, scheduler } = setup({ maxSleepMs: 60_000 });
    scheduler.assign([0, 1]);
    await scheduler.applyTimerChanges([{ kind: 'schedule', timer: timer('late', T0 + 50_000, 'pi-10') }]);
    await jest.advanceTimersByTimeAsync(10);
    await scheduler.applyTimerChanges([{ kind: 'schedule', timer: timer('soon', T0 + 2_000, 'pi-11') }]);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(bus.produced.map((entry) => `${entry.command.processInstanceKey}@${entry.at - T0}`)).toEqual([
      'pi-11@2000',
      'pi-10@50000',
    ]);
    await scheduler.close();
  });

  it('finds a timer another replica stored within its longest sleep, still not early', async () => {
    const { store, bus, scheduler } = setup({ maxSleepMs: 5000 });
    scheduler.assign([0, 1]);
    await jest.advanceTimersByTimeAsync(100);
    const written: InstanceTimer = { ...timer('elsewhere', T0 + 1000), kind: 'instance', partition: 1 };
    await store.schedule(written);
    await jest.advanceTimersByTimeAsync(5000);
    expect(bus.produced.map((entry) => entry.at - T0)).toEqual([5000]);

    const overdueSoon: InstanceTimer = { ...timer('x', T0 + 12_000), kind: 'instance', partition: 0 };
    await store.schedule(overdueSoon);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(bus.produced.map((entry) => entry.at - T0)).toEqual([5000, 12_000]);
    await scheduler.close();
  });

  it('forgets a canceled timer, and fires many due timers in batches', async () => {
    const { bus, scheduler } = setup({ batchSize: 3 });
    scheduler.assign([0, 1]);
    const timers = Array.from({ length: 8 }, (_, index) => timer(`m-${index}`, T0 + 500 + index));
    await scheduler.applyTimerChanges(timers.map((one) => ({ kind: 'schedule', timer: one })));
    await scheduler.applyTimerChanges([{ kind: 'remove', timer: timers[7]! }]);
    await jest.advanceTimersByTimeAsync(1000);
    expect(bus.produced.map((entry) => entry.key)).toEqual(
      timers.slice(0, 7).map((one) => one.processInstanceKey),
    );
    await scheduler.close();
  });

  it('fires a timer once while its removal is still being written', async () => {
    const { store, bus, scheduler } = setup();
    const remove = store.remove.bind(store);
    const due = store.due.bind(store);
    const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    // A slow database: a removal takes 300 ms, and a look answers 80 ms after it read the timers,
    // so a look can list a timer whose removal ends while the answer is on its way.
    store.remove = (timerKey) => later(300).then(() => remove(timerKey));
    store.due = (partitions, until, limit) =>
      due(partitions, until, limit).then((timers) => later(80).then(() => timers));
    scheduler.assign([0, 1]);
    const timers = Array.from({ length: 12 }, (_, index) => timer(`s-${index}`, T0 + 100 + index * 37));
    await scheduler.applyTimerChanges(timers.map((one) => ({ kind: 'schedule' as const, timer: one })));
    await jest.advanceTimersByTimeAsync(5000);
    expect(bus.produced.map((entry) => entry.key)).toEqual(timers.map((one) => one.processInstanceKey));
    bus.produced.forEach((entry, index) => expect(entry.at).toBeGreaterThanOrEqual(timers[index]!.dueDate));
    await scheduler.close();
  });

  describe('with what its last look listed', () => {
    /** A store whose looks (`due`) each take `readMs` of the fake clock: a database under load. */
    function slowLooks(readMs: number) {
      const context = setup();
      const due = context.store.due.bind(context.store);
      const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      context.store.due = (partitions, until, limit) =>
        later(readMs).then(() => due(partitions, until, limit));
      return context;
    }

    /** Schedules `timers` (key, due date) on a store whose looks take `readMs`; what fired when after `runMs`. */
    async function firedAt(readMs: number, timers: readonly [string, number][], runMs: number) {
      const { bus, scheduler } = slowLooks(readMs);
      scheduler.assign([0, 1]);
      await scheduler.applyTimerChanges(
        timers.map(([key, dueDate]) => ({ kind: 'schedule' as const, timer: timer(key, dueDate) })),
      );
      await jest.advanceTimersByTimeAsync(runMs);
      await scheduler.close();
      return bus.produced.map(({ key, at }) => [key, at]);
    }

    it('fires a timer that falls due at once, without waiting for the next look to read the store', async () => {
      const fired = await firedAt(
        40,
        [
          ['l-1', T0 + 300],
          ['l-3', T0 + 600],
        ],
        700,
      );
      // Each listed by a look that ended before it fell due, each fired on its due date.
      expect(fired).toEqual([
        ['pi-l-1', T0 + 300],
        ['pi-l-3', T0 + 600],
      ]);
    });

    it('fires a listed timer that falls due while a look is still reading the store', async () => {
      // Looks end at T0 + 200 and T0 + 400 (from the scheduling): r-3 falls due during the second.
      const fired = await firedAt(
        200,
        [
          ['r-1', T0 + 300],
          ['r-3', T0 + 350],
        ],
        600,
      );
      expect(fired).toEqual([
        ['pi-r-1', T0 + 300],
        ['pi-r-3', T0 + 350],
      ]);
    });

    it('does not fire from a list older than a second: it reads the store first', async () => {
      expect(await firedAt(40, [['o-1', T0 + 3000]], 3100)).toEqual([['pi-o-1', T0 + 3040]]);
    });

    it('does not fire a timer parked or canceled in this replica since the look listed it', async () => {
      const { store, bus, scheduler } = slowLooks(40);
      scheduler.assign([0, 1]);
      const parkedOne: InstanceTimer = { ...timer('p-1', T0 + 300), kind: 'instance', partition: 1 };
      await scheduler.applyTimerChanges([
        { kind: 'schedule', timer: timer('p-1', T0 + 300) },
        { kind: 'schedule', timer: timer('c-3', T0 + 300) },
      ]);
      await jest.advanceTimersByTimeAsync(100); // the looks so far listed both
      await store.schedule({ ...parkedOne, dueDate: Number.MAX_SAFE_INTEGER });
      scheduler.parked(parkedOne);
      await scheduler.applyTimerChanges([{ kind: 'remove', timer: timer('c-3', T0 + 300) }]);
      await jest.advanceTimersByTimeAsync(2000);
      expect(bus.produced).toEqual([]);
      await scheduler.close();
    });
  });

  it('tries again after a failure, without losing the timer', async () => {
    const { bus, scheduler, errors } = setup();
    scheduler.assign([0, 1]);
    await scheduler.applyTimerChanges([{ kind: 'schedule', timer: timer('t-1', T0 + 100) }]);
    bus.failNext = true;
    await jest.advanceTimersByTimeAsync(100);
    expect(errors).toHaveLength(1);
    expect(bus.produced).toEqual([]);
    await jest.advanceTimersByTimeAsync(1000);
    expect(bus.produced.map((entry) => entry.at - T0)).toEqual([1100]);
    await scheduler.close();
  });

  it('starts an instance per occurrence of a start cycle, under the key chosen for it, five times for R5', async () => {
    const { store, bus, scheduler } = setup();
    scheduler.assign([0, 1]);
    const definition = await deployedDefinition(
      startTimerXml('five', '<bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R5/PT10S</bpmn:timeCycle>'),
    );
    const [scheduled] = await scheduler.deployed(definition);
    await jest.advanceTimersByTimeAsync(120_000);
    const commands = bus.produced.map((entry) => entry.command);
    expect(bus.produced.map((entry) => entry.at - T0)).toEqual([10_000, 20_000, 30_000, 40_000, 50_000]);
    expect(commands[0]).toEqual({
      type: 'CREATE_INSTANCE',
      commandId: `timer:${scheduled!.timerKey}:${T0 + 10_000}`,
      processInstanceKey: scheduled!.processInstanceKey,
      processDefinitionKey: 'def-7',
      variables: {},
      startInstructions: [{ elementId: 'tick' }],
    });
    expect(new Set(commands.map((command) => command.processInstanceKey)).size).toBe(5);
    expect(await store.due([0, 1], Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
    await scheduler.close();
  });

  it('replaces the start timers of an earlier version of the process when a new one is deployed', async () => {
    const { store, bus, scheduler } = setup();
    scheduler.assign([0, 1]);
    const hourly = await deployedDefinition(
      startTimerXml('nightly', '<bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R/PT1H</bpmn:timeCycle>'),
    );
    await scheduler.deployed(hourly);
    const cron = await deployedDefinition(
      startTimerXml(
        'nightly',
        '<bpmn:timeCycle xsi:type="bpmn:tFormalExpression">0 30 9 * * *</bpmn:timeCycle>',
      ),
    );
    await scheduler.deployed({ ...cron, processDefinitionKey: 'def-9', processDefinitionVersion: 2 });
    const stored = await store.due([0, 1], Number.MAX_SAFE_INTEGER, 10);
    expect(stored.map((one) => [one.processDefinitionKey, new Date(one.dueDate).toISOString()])).toEqual([
      ['def-9', '2026-01-05T09:30:00.000Z'],
    ]);
    await jest.advanceTimersByTimeAsync(25 * 3_600_000);
    expect(bus.produced.map((entry) => new Date(entry.at).toISOString())).toEqual([
      '2026-01-05T09:30:00.000Z',
      '2026-01-06T09:30:00.000Z',
    ]);
    await scheduler.close();
  });
});
