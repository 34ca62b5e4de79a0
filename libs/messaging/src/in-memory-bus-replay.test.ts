// The replay hook of transactional subscriptions on the in-memory bus: the member that takes over a
// partition is handed the messages between the offset it asks for and the group's committed offset
// before its first batch; nothing of the replay is produced or committed.
import { batonTopics } from '@baton/topics';
import { InMemoryBus } from './in-memory-bus';
import type { ConsumedMessage, TransactionalSubscribeOptions } from './message-bus';
import { produceTo, subscribeTransactionallyTo } from './typed-topics';

/** Resolves once `condition` holds, checking on every turn of the event loop; rejects after `timeoutMs`. */
async function waitFor(condition: () => boolean, description: string, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`waitFor: ${description} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** What a member was handed, in order: replayed or consumed, with offsets and values. */
type Delivery = readonly ['replay' | 'batch', number, unknown];

interface Recorder {
  readonly asked: (readonly [number, number])[];
  readonly deliveries: Delivery[];
  readonly options: Omit<TransactionalSubscribeOptions, 'topic' | 'groupId'>;
}

/**
 * A member's handlers that record what they get. `answer` is replayFrom's; eachBatch produces each
 * message's value to `out`, so that the output shows which handler produced.
 */
function recorder(answer: (partition: number, committed: number) => number | undefined): Recorder {
  const asked: (readonly [number, number])[] = [];
  const deliveries: Delivery[] = [];
  const record = (kind: 'replay' | 'batch', messages: readonly ConsumedMessage[]) =>
    deliveries.push(...messages.map((message): Delivery => [kind, message.offset, message.value]));
  return {
    asked,
    deliveries,
    options: {
      eachBatch: async (batch, transaction) => {
        record('batch', batch.messages);
        await transaction.produce(
          'out',
          batch.messages.map((message) => ({ key: 'k', value: message.value })),
        );
      },
      replayFrom: (partition, committed) => {
        asked.push([partition, committed]);
        return Promise.resolve(answer(partition, committed));
      },
      replayBatch: (batch) => {
        record('replay', batch.messages);
        return Promise.resolve();
      },
    },
  };
}

const inputs = (from: number, count: number) =>
  Array.from({ length: count }, (_, index) => ({ key: 'k', value: `m${from + index}` }));

describe('InMemoryBus replay on transactional subscriptions', () => {
  let bus: InMemoryBus;
  let errors: unknown[];
  let output: ConsumedMessage[];
  beforeEach(async () => {
    errors = [];
    bus = new InMemoryBus({ partitions: 1, topicPrefix: '', onError: (error) => errors.push(error) });
    output = [];
    await bus.subscribe({
      topic: 'out',
      groupId: 'observer',
      fromBeginning: true,
      eachBatch: (batch) => {
        output.push(...batch.messages);
        return Promise.resolve();
      },
    });
  });
  afterEach(() => bus.close());

  const join = (member: Recorder, groupId = 'engine') =>
    bus.subscribeTransactional({ topic: 'in', groupId, fromBeginning: true, ...member.options });

  /** A first member handles m0…m4 of `in` and leaves: the group's committed offset is 5. */
  async function firstOwnerHandlesFive(): Promise<Recorder> {
    const first = recorder(() => 0);
    const subscription = await join(first);
    await bus.produce('in', inputs(0, 5));
    await waitFor(() => first.deliveries.length === 5, 'the first owner’s batches');
    await subscription.close();
    return first;
  }

  it('hands the next owner [from, committed) to replayBatch, then eachBatch from the committed offset', async () => {
    const first = await firstOwnerHandlesFive();
    // The group had no committed offset when the first member joined: it was not asked.
    expect(first.asked).toEqual([]);

    const next = recorder(() => 2);
    await join(next);
    await waitFor(() => next.deliveries.length === 3, 'the replay');
    await bus.produce('in', inputs(5, 2));
    await waitFor(() => next.deliveries.length === 5, 'the later messages');
    expect(next.asked).toEqual([[0, 5]]);
    expect(next.deliveries).toEqual([
      ['replay', 2, 'm2'],
      ['replay', 3, 'm3'],
      ['replay', 4, 'm4'],
      ['batch', 5, 'm5'],
      ['batch', 6, 'm6'],
    ]);
    // The output holds what the eachBatch calls produced, once each: nothing from the replay.
    await waitFor(() => output.length === 7, 'the output of the seven batches’ messages');
    expect(output.map((message) => message.value)).toEqual(inputs(0, 7).map((input) => input.value));
  });

  it('replays before the first batch even when the partition has no new message', async () => {
    await firstOwnerHandlesFive();
    const next = recorder(() => 0);
    await join(next);
    await waitFor(() => next.deliveries.length === 5, 'the replay of m0…m4');
    expect(next.deliveries.map(([kind, offset]) => [kind, offset])).toEqual(
      [0, 1, 2, 3, 4].map((offset) => ['replay', offset]),
    );
  });

  it('replays nothing when replayFrom answers undefined or an offset not below the committed one', async () => {
    await firstOwnerHandlesFive();
    const answers = {
      undefined: () => undefined,
      'the committed offset': (_partition: number, committed: number) => committed,
      'an offset above it': (_partition: number, committed: number) => committed + 4,
    };
    for (const [answer, replayFrom] of Object.entries(answers)) {
      const member = recorder(replayFrom);
      const subscription = await join(member);
      await waitFor(() => member.asked.length === 1, `the question to the member answering ${answer}`);
      await bus.produce('in', [{ key: 'k', value: `after ${answer}` }]);
      await waitFor(
        () => member.deliveries.length === 1,
        `the next message at the member answering ${answer}`,
      );
      expect(member.deliveries.map(([kind]) => kind)).toEqual(['batch']);
      await subscription.close();
    }
  });

  it('commits nothing for a replay: the owner after a member that only replayed is asked at the same offset', async () => {
    await firstOwnerHandlesFive();
    const replayer = recorder(() => 0);
    const subscription = await join(replayer);
    await waitFor(() => replayer.deliveries.length === 5, 'the replay');
    await subscription.close();
    const after = recorder(() => 5);
    await join(after);
    await waitFor(() => after.asked.length === 1, 'the question to the owner after it');
    expect(after.asked).toEqual([[0, 5]]);
  });

  it('does not ask a member that keeps its partition across a join; asks it again for a partition it gets back', async () => {
    await bus.close();
    bus = new InMemoryBus({ partitions: 2, topicPrefix: '', onError: (error) => errors.push(error) });
    // Both partitions get a committed offset: a first member handles a message on each, and leaves.
    const keyOn = (partition: number) =>
      Array.from({ length: 50 }, (_, index) => `key-${index}`).find(
        (key) => bus.partitionForKey(key, 2) === partition,
      )!;
    const [key0, key1] = [keyOn(0), keyOn(1)];
    const first = recorder(() => undefined);
    const firstSubscription = await join(first);
    await bus.produce('in', [
      { key: key0, value: 'p0' },
      { key: key1, value: 'p1' },
    ]);
    await waitFor(() => first.deliveries.length === 2, 'the first member’s batches');
    await firstSubscription.close();

    const keeper = recorder(() => 0);
    await join(keeper);
    await waitFor(() => keeper.deliveries.length === 2, 'the keeper’s replay of both partitions');
    expect([...keeper.asked].sort()).toEqual([
      [0, 1],
      [1, 1],
    ]);
    const joiner = recorder(() => 0);
    const joinerSubscription = await join(joiner);
    await waitFor(() => joiner.deliveries.length === 1, 'the joiner’s replay of partition 1');
    expect(joiner.asked).toEqual([[1, 1]]);
    await joinerSubscription.close();
    await waitFor(() => keeper.asked.length === 3, 'the keeper asked for partition 1 again');
    // Kept partition 0 across both joins: asked for it once; partition 1 again when it came back.
    expect(keeper.asked.slice(2)).toEqual([[1, 1]]);
    await waitFor(() => keeper.deliveries.length === 3, 'the second replay of partition 1');
    expect(keeper.deliveries.slice(2)).toEqual([['replay', 0, 'p1']]);
  });

  it('delivers the same messages to replayBatch again after a rejection, and eachBatch only after the replay', async () => {
    await firstOwnerHandlesFive();
    await bus.produce('in', inputs(5, 1)); // waiting for the next owner: it must not overtake the replay
    const calls: string[] = [];
    const offsets = (messages: readonly ConsumedMessage[]) => messages.map((message) => message.offset);
    await join({
      asked: [],
      deliveries: [],
      options: {
        eachBatch: (batch) => {
          calls.push(`eachBatch ${offsets(batch.messages).join()}`);
          return Promise.resolve();
        },
        replayFrom: () => Promise.resolve(3),
        replayBatch: (batch) => {
          calls.push(`replayBatch ${offsets(batch.messages).join()}`);
          if (calls.length === 1) return Promise.reject(new Error('the snapshot store is down'));
          return Promise.resolve();
        },
      },
    });
    await waitFor(() => calls.length === 3, 'the batch after the replay');
    expect(calls).toEqual(['replayBatch 3,4', 'replayBatch 3,4', 'eachBatch 5']);
    expect(errors).toEqual([new Error('the snapshot store is down')]);
  });

  it('asks again after a back-off when replayFrom rejects', async () => {
    await firstOwnerHandlesFive();
    let questions = 0;
    const member = recorder(() => {
      if (++questions === 1) throw new Error('cannot read the checkpoint');
      return 4;
    });
    await join(member);
    await waitFor(() => member.deliveries.length === 1, 'the replay after the second question');
    expect(member.asked).toEqual([
      [0, 5],
      [0, 5],
    ]);
    expect(member.deliveries).toEqual([['replay', 4, 'm4']]);
    expect(errors).toHaveLength(1);
  });

  it('starts at the oldest message the partition keeps when asked for an older one', async () => {
    await bus.close();
    bus = new InMemoryBus({ partitions: 1, topicPrefix: '', retainedMessages: 10, onError: () => undefined });
    const first = recorder(() => undefined);
    const subscription = await join(first);
    await bus.produce('in', inputs(0, 300));
    await waitFor(() => first.deliveries.length === 300, 'the first owner’s batches');
    await subscription.close();
    const next = recorder(() => 0);
    await join(next);
    await waitFor(() => next.deliveries.length > 0, 'the replay');
    await waitFor(() => next.deliveries.at(-1)?.[1] === 299, 'the replay up to the committed offset');
    const offsets = next.deliveries.map(([, offset]) => offset);
    // 290 dropped at the commit of offset 300 (the retention keeps 10, and drops at least 256 at once).
    expect(offsets).toEqual(Array.from({ length: 10 }, (_, index) => 290 + index));
  });

  it('leaves invalid messages out of a replay, and types replayed values through the topic address', async () => {
    const addresses = batonTopics('');
    const command = (commandId: string) => ({ type: 'CANCEL_INSTANCE', commandId, processInstanceKey: '1' });
    const handled: string[] = [];
    const firstSubscription = await subscribeTransactionallyTo(bus, addresses.engineCommands, {
      groupId: 'engine',
      fromBeginning: true,
      eachBatch: (batch) => {
        handled.push(...batch.messages.map((message) => message.value.commandId));
        return Promise.resolve();
      },
    });
    await produceTo(bus, addresses.engineCommands, [{ key: '1', value: command('c1') }]);
    await bus.produce(addresses.engineCommands.name, [{ key: '1', value: { type: 'CANCEL_INSTANCE' } }]);
    await produceTo(bus, addresses.engineCommands, [{ key: '1', value: command('c2') }]);
    await waitFor(() => handled.length === 2, 'the two valid commands');
    await firstSubscription.close();

    const replayed: string[] = [];
    await subscribeTransactionallyTo(bus, addresses.engineCommands, {
      groupId: 'engine',
      fromBeginning: true,
      eachBatch: () => Promise.resolve(),
      replayFrom: () => Promise.resolve(0),
      replayBatch: (batch) => {
        replayed.push(...batch.messages.map((message) => message.value.commandId));
        return Promise.resolve();
      },
    });
    await waitFor(() => replayed.length === 2, 'the replay of the valid commands');
    expect(replayed).toEqual(['c1', 'c2']);
  });

  it('rejects a subscription with only one half of the replay hook', async () => {
    await expect(
      bus.subscribeTransactional({
        topic: 'in',
        groupId: 'engine',
        eachBatch: () => Promise.resolve(),
        replayFrom: () => Promise.resolve(undefined),
      }),
    ).rejects.toThrow(/replayFrom and replayBatch go together/);
  });
});
