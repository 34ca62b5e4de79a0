// Two replicas on one bus and one set of stores, as on Kafka + MongoDB: a clock pinned through one
// replica (PUT /v2/clock) reaches the other over the definition-changes topic — the instances it
// starts begin at the pinned time, and the timers of the partitions it owns fire by it.
import { InMemoryBus } from '@baton/messaging';
import { waitFor } from '@baton/testing';
import { createEngineRuntime, type EngineRuntime } from '../../src/engine-runtime';
import { timerCatchBpmn, timerValue } from '../fixtures/bpmn-fixtures';
import { sharedEmbeddedStores } from '../support/shared-embedded-stores';

const partitions = 4;
let bus: InMemoryBus;
let first: EngineRuntime;
let second: EngineRuntime;

beforeEach(async () => {
  bus = new InMemoryBus({ partitions, topicPrefix: '' });
  const shared = {
    ...sharedEmbeddedStores(bus, partitions),
    clockControl: true,
  };
  first = await createEngineRuntime({ ...shared, replicaId: 'replica-one' });
  second = await createEngineRuntime({ ...shared, replicaId: 'replica-two' });
});

afterEach(async () => {
  await first.close();
  await second.close();
  await bus.close();
});

const pinned = Date.parse('2032-06-01T12:00:00.000Z');

it('starts instances through the other replica at the pinned time once it is told', async () => {
  await first.deploy([
    { name: 't.bpmn', content: timerCatchBpmn('wait-an-hour', timerValue('timeDuration', 'PT1H')) },
  ]);
  await first.pinClock(pinned);
  await waitFor(
    async () => {
      const { processInstanceKey } = await second.createInstance({ processDefinitionId: 'wait-an-hour' });
      const instance = await waitFor(() => second.getInstance(processInstanceKey));
      return instance.startDate === '2032-06-01T12:00:00.000Z';
    },
    { description: 'an instance created through the second replica starts at the pinned time' },
  );
});

it("fires the timers of both replicas' partitions when the clock is pinned past them through one", async () => {
  await first.deploy([
    { name: 't.bpmn', content: timerCatchBpmn('wait-an-hour', timerValue('timeDuration', 'PT1H')) },
  ]);
  await first.pinClock(pinned);
  // Instances created through the first replica carry its pinned time; their keys spread over the partitions.
  const keys: string[] = [];
  for (let index = 0; index < 12; index++)
    keys.push((await first.createInstance({ processDefinitionId: 'wait-an-hour' })).processInstanceKey);
  await waitFor(async () => {
    const instances = await Promise.all(keys.map((key) => first.getInstance(key)));
    return instances.every((instance) => instance?.startDate === '2032-06-01T12:00:00.000Z');
  });
  await first.pinClock(pinned + 3_600_000);
  await waitFor(
    async () => {
      const instances = await Promise.all(keys.map((key) => first.getInstance(key)));
      return instances.every((instance) => instance?.state === 'COMPLETED');
    },
    { description: 'every timer fired, on whichever replica owns its partition' },
  );
  const ended = await Promise.all(keys.map((key) => first.getInstance(key)));
  expect(new Set(ended.map((instance) => instance?.endDate))).toEqual(new Set(['2032-06-01T13:00:00.000Z']));
});
