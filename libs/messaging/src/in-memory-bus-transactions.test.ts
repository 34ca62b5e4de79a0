// Transactional subscriptions of the in-memory bus, seen from consumers: a batch's output appears
// with its offset commit or not at all, a rejected batch is delivered again without a trace of the
// failed attempt, and dead letters go in the transaction.
import { batonTopics, topics, type DeadLetterMessage } from '@baton/topics';
import { BatchTransactionClosedError } from './batch-transaction';
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

/** A plain subscription that keeps what it receives. */
async function observe(bus: InMemoryBus, topic: string, groupId = 'observer'): Promise<ConsumedMessage[]> {
  const messages: ConsumedMessage[] = [];
  await bus.subscribe({
    topic,
    groupId,
    fromBeginning: true,
    eachBatch: (batch) => {
      messages.push(...batch.messages);
      return Promise.resolve();
    },
  });
  return messages;
}

const command = (processInstanceKey: string, commandId: string) => ({
  type: 'CANCEL_INSTANCE',
  commandId,
  processInstanceKey,
});

describe('InMemoryBus transactional subscriptions', () => {
  let bus: InMemoryBus;
  let errors: unknown[];
  beforeEach(() => {
    errors = [];
    bus = new InMemoryBus({ partitions: 2, topicPrefix: '', onError: (error) => errors.push(error) });
  });
  afterEach(() => bus.close());

  /** Subscribes `handler` to `in` in the group `engine`. */
  const subscribeEngine = (eachBatch: TransactionalSubscribeOptions['eachBatch']) =>
    bus.subscribeTransactional({ topic: 'in', groupId: 'engine', fromBeginning: true, eachBatch });

  it('makes the output visible when the handler resolves, together with the offset commit', async () => {
    const output = await observe(bus, 'out');
    const visibleWhileHandling: number[] = [];
    const subscription = await subscribeEngine(async (batch, transaction) => {
      for (const message of batch.messages)
        await transaction.produce('out', [{ key: message.key, value: { for: message.value } }]);
      // Other turns of the event loop pass; the output stays invisible until the handler resolves.
      await new Promise((resolve) => setImmediate(resolve));
      visibleWhileHandling.push(output.length);
    });
    await bus.produce('in', [{ key: 'k', value: 1 }]);
    await waitFor(() => output.length === 1, 'the output of the first batch');
    await bus.produce('in', [{ key: 'k', value: 2 }]);
    await waitFor(() => output.length === 2, 'the output of the second batch');
    expect(output.map((message) => message.value)).toEqual([{ for: 1 }, { for: 2 }]);
    expect(visibleWhileHandling).toEqual([0, 1]);

    // The offsets were committed with the output: the group's next member starts after the batches.
    await subscription.close();
    const seenByNextMember: unknown[] = [];
    await subscribeEngine((batch) => {
      seenByNextMember.push(...batch.messages.map((message) => message.value));
      return Promise.resolve();
    });
    await bus.produce('in', [{ key: 'k', value: 3 }]);
    await waitFor(() => seenByNextMember.length === 1, 'the later message at the next member');
    expect(seenByNextMember).toEqual([3]);
  });

  it('leaves nothing of a rejected batch visible, and delivers the batch again', async () => {
    const output = await observe(bus, 'out');
    const attempts: number[][] = [];
    await subscribeEngine(async (batch, transaction) => {
      attempts.push(batch.messages.map((message) => message.offset));
      const attempt = attempts.length;
      await transaction.produce(
        'out',
        batch.messages.map((message) => ({ key: message.key, value: { attempt, for: message.value } })),
      );
      if (attempt === 1) throw new Error('the store is down');
    });
    await bus.produce('in', [
      { key: 'k', value: 'a' },
      { key: 'k', value: 'b' },
    ]);
    await waitFor(() => output.length >= 2, 'the output of the second attempt');
    expect(output.map((message) => message.value)).toEqual([
      { attempt: 2, for: 'a' },
      { attempt: 2, for: 'b' },
    ]);
    expect(attempts).toEqual([
      [0, 1],
      [0, 1],
    ]);
    expect(errors).toEqual([new Error('the store is down')]);
  });

  it('commit() makes the output visible before the handler resolves; a rejection after it is reported, not redelivered', async () => {
    const output = await observe(bus, 'out');
    const delivered: unknown[] = [];
    let produceAfterCommit: unknown;
    await subscribeEngine(async (batch, transaction) => {
      delivered.push(...batch.messages.map((message) => message.value));
      await transaction.produce('out', [{ key: 'k', value: 'effect' }]);
      await transaction.commit();
      await waitFor(() => output.length === 1, 'the committed output, seen while the handler runs');
      produceAfterCommit = await transaction
        .produce('out', [{ key: 'k', value: 'late' }])
        .catch((e: unknown) => e);
      throw new Error('failed after the commit');
    });
    await bus.produce('in', [{ key: 'k', value: 1 }]);
    await waitFor(() => errors.length === 1, 'the rejection after the commit to be reported');
    await bus.produce('in', [{ key: 'k', value: 2 }]);
    await waitFor(() => delivered.length === 2, 'the next message');
    expect(delivered).toEqual([1, 2]);
    expect(produceAfterCommit).toBeInstanceOf(BatchTransactionClosedError);
    expect(output.map((message) => message.value)).not.toContain('late');
  });

  it('rejects a produce whose values JSON cannot carry, keeping none of them', async () => {
    const output = await observe(bus, 'out');
    let rejection: unknown;
    await subscribeEngine(async (_batch, transaction) => {
      rejection = await transaction
        .produce('out', [
          { key: 'k', value: 'fine' },
          { key: 'k', value: 1n },
        ])
        .catch((error: unknown) => error);
      await transaction.produce('out', [{ key: 'k', value: 'kept' }]);
    });
    await bus.produce('in', [{ key: 'k', value: 1 }]);
    await waitFor(() => output.length === 1, 'the valid output');
    expect(rejection).toBeInstanceOf(TypeError);
    expect(output.map((message) => message.value)).toEqual(['kept']);
  });

  it('puts the dead letters of a batch in its transaction: once, however often the batch is delivered', async () => {
    const deadLetters = await observe(bus, topics.deadLetters, 'ops');
    let attempts = 0;
    const handled: unknown[] = [];
    await bus.subscribeTransactional({
      topic: topics.engineCommands,
      groupId: 'engine',
      fromBeginning: true,
      eachBatch: (batch) => {
        if (++attempts < 3) return Promise.reject(new Error(`attempt ${attempts} fails`));
        handled.push(...batch.messages.map((message) => message.value));
        return Promise.resolve();
      },
    });
    await bus.produce(topics.engineCommands, [
      { key: '1', value: { type: 'CANCEL_INSTANCE', processInstanceKey: '1' } },
      { key: '1', value: command('1', 'c2') },
    ]);
    await waitFor(() => handled.length === 1 && deadLetters.length >= 1, 'the command and its dead letter');
    // A later letter on the same partition comes after the first: had a failed attempt left one, it shows.
    const marker: DeadLetterMessage = {
      topic: 'none',
      partition: 0,
      key: '1',
      reason: 'marker',
      value: null,
      headers: {},
    };
    await bus.produce(topics.deadLetters, [{ key: '1', value: marker }]);
    const reasons = () => deadLetters.map((message) => (message.value as DeadLetterMessage).reason);
    await waitFor(() => reasons().includes('marker'), 'the marker');
    expect(attempts).toBe(3);
    expect(reasons()).toHaveLength(2);
    expect((deadLetters[0]!.value as DeadLetterMessage).reason).toContain('commandId');
  });

  it('types consumed values and transactional output through the topic addresses', async () => {
    const addresses = batonTopics('');
    const applied: string[] = [];
    // Follow-up commands go back to the commands topic, in the batch's transaction.
    await subscribeTransactionallyTo(bus, addresses.engineCommands, {
      groupId: 'engine',
      fromBeginning: true,
      eachBatch: async (batch, transaction) => {
        for (const { value } of batch.messages) {
          applied.push(value.commandId);
          if (!value.commandId.startsWith('follow-'))
            await produceTo(transaction, addresses.engineCommands, [
              { key: '1', value: command('1', `follow-${value.commandId}`) },
            ]);
        }
      },
    });
    await produceTo(bus, addresses.engineCommands, [{ key: '1', value: command('1', 'c1') }]);
    await waitFor(() => applied.length === 2, 'the command and its follow-up');
    expect(applied).toEqual(['c1', 'follow-c1']);
  });
});
