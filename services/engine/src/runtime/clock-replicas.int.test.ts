// Two engine replicas on the same Kafka topics and MongoDB database, as in production: replica A
// serves the API only, replica B applies every command and fires every timer. A clock pinned
// through A (PUT /v2/clock) must reach B over baton.engine.definition-changes.v1: B fires the
// timers by the pinned time, and applies its own commands at it.
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../engine-runtime';
import { timerCatchBpmn, timerValue } from '../../test/fixtures/bpmn-fixtures';
import { realTestSettings, startRealRuntime } from '../../test/support/test-runtime';

const settings = realTestSettings('clock-replicas');
let apiOnly: EngineRuntime;
let applier: EngineRuntime;

beforeAll(async () => {
  applier = await startRealRuntime(settings, { replicaId: uniqueName('applier'), clockControl: true });
  apiOnly = await startRealRuntime(settings, {
    replicaId: uniqueName('api'),
    consumeCommands: false,
    clockControl: true,
  });
});
afterAll(async () => {
  await apiOnly.resetClock();
  await apiOnly.close();
  await applier.close();
});

it('fires a timer on the other replica once the clock pinned through this one passes its due date', async () => {
  const processId = uniqueName('pinned');
  await apiOnly.deploy([
    { name: 'p.bpmn', content: timerCatchBpmn(processId, timerValue('timeDuration', 'PT1H')) },
  ]);
  const pinned = Date.parse('2034-02-01T10:00:00.000Z');
  await apiOnly.pinClock(pinned);
  const { processInstanceKey } = await apiOnly.createInstance({ processDefinitionId: processId });
  const waiting = await waitFor(async () => {
    const instance = await applier.getInstance(processInstanceKey);
    return instance?.state === 'ACTIVE' &&
      Object.values(instance.elementInstances).some((e) => e.elementId === 'wait')
      ? instance
      : undefined;
  });
  // Created through the API replica: applied at the time its command carries.
  expect(waiting.startDate).toBe('2034-02-01T10:00:00.000Z');

  await apiOnly.pinClock(pinned + 3_600_000);
  const done = await waitFor(
    async () => {
      const instance = await applier.getInstance(processInstanceKey);
      return instance?.state === 'COMPLETED' ? instance : undefined;
    },
    { timeoutMs: 30_000, description: 'the applier fires the timer by the pinned time it was told' },
  );
  expect(done.endDate).toBe('2034-02-01T11:00:00.000Z');
}, 60_000);
