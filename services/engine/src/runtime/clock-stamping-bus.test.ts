// The pinned time rides on the commands a replica appends, in plain produces and in a batch's
// transaction, and on nothing else; the owner applies a command at the time it carries.
import { InMemoryBus, type ConsumedMessage } from '@baton/messaging';
import { waitFor } from '@baton/testing';
import { stampPinnedClock } from './clock-stamping-bus';
import { EngineClock, pinnedClockHeader, pinnedTimeOf } from './engine-clock';

// Not a catalogue topic: the bus checks those values against their schemas.
const commands = 'test.commands';

async function collect(bus: InMemoryBus, topic: string, into: ConsumedMessage[]) {
  return bus.subscribe({
    topic,
    groupId: `probe-${topic}`,
    fromBeginning: true,
    eachBatch: (batch) => {
      into.push(...batch.messages);
      return Promise.resolve();
    },
  });
}

it('stamps commands appended while the clock is pinned, and only those', async () => {
  const raw = new InMemoryBus({ partitions: 1, topicPrefix: '' });
  const clock = new EngineClock(() => 1_000);
  const bus = stampPinnedClock(raw, commands, clock);
  const seen: ConsumedMessage[] = [];
  const others: ConsumedMessage[] = [];
  const subscriptions = [await collect(raw, commands, seen), await collect(raw, 'other', others)];

  await bus.produce(commands, [{ key: 'a', value: 1 }]);
  clock.pin(5_000);
  await bus.produce(commands, [{ key: 'b', value: 2, headers: { traceparent: 't' } }]);
  await bus.produce('other', [{ key: 'c', value: 3 }]);
  clock.reset();
  await bus.produce(commands, [{ key: 'd', value: 4 }]);

  await waitFor(() => seen.length === 3 && others.length === 1);
  expect(seen.map((message) => pinnedTimeOf(message.headers))).toEqual([undefined, 5_000, undefined]);
  expect(seen[1]!.headers).toMatchObject({ traceparent: 't', [pinnedClockHeader]: '5000' });
  expect(others[0]!.headers[pinnedClockHeader]).toBeUndefined();
  expect(bus.partitionForKey?.('a', 1)).toBe(raw.partitionForKey?.('a', 1));
  await Promise.all(subscriptions.map((subscription) => subscription.close()));
  await raw.close();
});

it("stamps the commands of a batch's transaction", async () => {
  const raw = new InMemoryBus({ partitions: 1, topicPrefix: '' });
  const clock = new EngineClock(() => 1_000);
  const bus = stampPinnedClock(raw, commands, clock);
  const seen: ConsumedMessage[] = [];
  const probe = await collect(raw, commands, seen);
  const consumer = await bus.subscribeTransactional({
    topic: 'input',
    groupId: 'transactional',
    fromBeginning: true,
    eachBatch: async (_batch, transaction) => {
      await transaction.produce(commands, [{ key: 'follow-up', value: 'x' }]);
      await transaction.commit();
    },
  });
  clock.pin(7_000);
  await raw.produce('input', [{ key: 'in', value: 0 }]);
  await waitFor(() => seen.length === 1);
  expect(pinnedTimeOf(seen[0]!.headers)).toBe(7_000);
  await consumer.close();
  await probe.close();
  await raw.close();
});

it('reads no time from a missing or malformed header', () => {
  expect(pinnedTimeOf(undefined)).toBeUndefined();
  expect(pinnedTimeOf({ [pinnedClockHeader]: 'soon' })).toBeUndefined();
  expect(pinnedTimeOf({ [pinnedClockHeader]: '1700000000000' })).toBe(1_700_000_000_000);
});
