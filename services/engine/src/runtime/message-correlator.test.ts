// The correlation rules of the runtime, on the in-memory message store with a bus that records
// what it is asked to produce: both sides (publisher and new subscription) look, a message reaches
// one instance per process definition, repeats are recognisable by their command ids.
import { batonTopics } from '@baton/topics';
import { BatonError, type EngineCommand } from '@baton/contracts';
import type { MessageSubscription } from '@baton/engine-core';
import type { MessageBus, OutgoingMessage, Subscription } from '@baton/messaging';
import { InMemoryMessageStore } from '@baton/store';
import { MessageCorrelator } from './message-correlator';

const COMMANDS_TOPIC = batonTopics('test.').engineCommands;

/** Records produced messages; nothing here consumes. */
class RecordingBus implements MessageBus {
  readonly produced: { topic: string; message: OutgoingMessage }[] = [];

  produce(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    for (const message of messages) this.produced.push({ topic, message });
    return Promise.resolve();
  }
  subscribe(): Promise<Subscription> {
    return Promise.reject(new Error('not used by the correlator'));
  }
  close(): Promise<void> {
    return Promise.resolve();
  }

  /** `messageKey→elementInstanceKey` of every CORRELATE_MESSAGE produced, in order. */
  correlations(): string[] {
    return this.produced.map(({ topic, message }) => {
      expect(topic).toBe(COMMANDS_TOPIC.name);
      const command = message.value as EngineCommand;
      if (command.type !== 'CORRELATE_MESSAGE') throw new Error(`unexpected ${command.type}`);
      expect(message.key).toBe(command.processInstanceKey);
      expect(command.commandId).toBe(`correlate:${command.messageKey}:${command.elementInstanceKey}`);
      return `${command.messageKey}→${command.elementInstanceKey}`;
    });
  }
}

function subscription(elementInstanceKey: string, processDefinitionKey = 'def-a'): MessageSubscription {
  return {
    processInstanceKey: `pi-${elementInstanceKey}`,
    processDefinitionKey,
    elementInstanceKey,
    elementId: 'wait',
    messageName: 'paid',
    correlationKey: 'order-1',
    tenantId: '<default>',
  };
}

function setup() {
  let key = 100;
  let now = 1_000;
  const store = new InMemoryMessageStore();
  const bus = new RecordingBus();
  const correlator = new MessageCorrelator({
    store,
    bus,
    commandsTopic: COMMANDS_TOPIC,
    nextKey: () => String(key++),
    clock: () => now,
    tenantId: '<default>',
  });
  const open = (...subscriptions: MessageSubscription[]) =>
    correlator.applySubscriptionChanges(
      subscriptions.map((s) => ({ kind: 'open' as const, subscription: s })),
    );
  const publish = (timeToLiveMs: number, extra: { messageId?: string } = {}) =>
    correlator.publish({
      name: 'paid',
      correlationKey: 'order-1',
      timeToLiveMs,
      variables: { ok: true },
      ...extra,
    });
  return { store, bus, correlator, open, publish, advance: (ms: number) => (now += ms) };
}

describe('MessageCorrelator', () => {
  it('correlates a publication to one open subscription per process definition', async () => {
    const { bus, open, publish } = setup();
    await open(subscription('1'), subscription('2'), subscription('3', 'def-b'));
    const { messageKey } = await publish(0);
    expect(bus.correlations()).toEqual([`${messageKey}→1`, `${messageKey}→3`]);
  });

  it('gives a message published while another is on its way to a subscription to the next one', async () => {
    const { bus, open, publish } = setup();
    await open(subscription('1'), subscription('2'));
    // The first message's command has not been applied yet: subscription 1 is still open, but claimed.
    const first = await publish(10_000);
    const second = await publish(0);
    const third = await publish(10_000);
    expect(bus.correlations()).toEqual([`${first.messageKey}→1`, `${second.messageKey}→2`]);
    // The third stays buffered for the next instance of the definition.
    await open(subscription('3'));
    expect(bus.correlations()).toEqual([
      `${first.messageKey}→1`,
      `${second.messageKey}→2`,
      `${third.messageKey}→3`,
    ]);
  });

  it('finds a message published while a new subscription was briefly claimed by one that went elsewhere', async () => {
    const { store, bus, open, publish } = setup();
    await open(subscription('1'));
    const first = await publish(10_000);
    // Subscription 2 opens: it claims the buffered first message, learns that it went to 1, and
    // gives the claim back. The second message is published in between: it finds 2 held.
    let second: { messageKey: string } | undefined;
    const release = store.releaseSubscription.bind(store);
    store.releaseSubscription = async (elementInstanceKey, messageKey) => {
      second ??= await publish(10_000);
      await release(elementInstanceKey, messageKey);
    };
    await open(subscription('2'));
    expect(second).toBeDefined();
    expect(bus.correlations()).toEqual([`${first.messageKey}→1`, `${second!.messageKey}→2`]);
  });

  it('gives a subscription a publisher claimed and gave back to a message that found it held meanwhile', async () => {
    const { store, bus, open, publish } = setup();
    await open(subscription('2'));
    // The first publication claims 2, but its message has just gone to another instance of the
    // definition (recorded by a look elsewhere): it gives 2 back. In between, a second message is
    // published and finds 2 held.
    const record = store.recordCorrelation.bind(store);
    let lookElsewhere = true;
    store.recordCorrelation = async (message, processDefinitionKey, elementInstanceKey) => {
      if (lookElsewhere) {
        lookElsewhere = false;
        await record(message, processDefinitionKey, 'another-instance');
      }
      return record(message, processDefinitionKey, elementInstanceKey);
    };
    let second: { messageKey: string } | undefined;
    const release = store.releaseSubscription.bind(store);
    store.releaseSubscription = async (elementInstanceKey, messageKey) => {
      second ??= await publish(10_000);
      await release(elementInstanceKey, messageKey);
    };
    await publish(10_000);
    expect(second).toBeDefined();
    expect(bus.correlations()).toEqual([`${second!.messageKey}→2`]);
  });

  it('buffers a message with a time to live for the subscriptions that open later, oldest message first', async () => {
    const { bus, open, publish, advance } = setup();
    const first = await publish(10_000);
    advance(1);
    const second = await publish(10_000);
    expect(bus.correlations()).toEqual([]);
    await open(subscription('1'));
    await open(subscription('2'));
    await open(subscription('3'));
    await open(subscription('4', 'def-b'));
    expect(bus.correlations()).toEqual([
      `${first.messageKey}→1`,
      `${second.messageKey}→2`,
      `${first.messageKey}→4`,
    ]);
  });

  it('does not buffer a message without a time to live, nor offer an expired one', async () => {
    const { bus, open, publish, advance } = setup();
    await publish(0);
    await publish(500);
    advance(500);
    await open(subscription('1'));
    expect(bus.correlations()).toEqual([]);
  });

  it('sends the same command (one id) when the publisher and the new subscription both find the match', async () => {
    const { bus, store, correlator, publish, open } = setup();
    // The subscription is stored but its own look for messages has not happened yet.
    await store.openSubscription(subscription('1'));
    const { messageKey } = await publish(10_000);
    await open(subscription('1'));
    // Both sides send the same command: its id lets the instance apply it once.
    expect(bus.correlations()).toEqual([`${messageKey}→1`, `${messageKey}→1`]);
    // Another instance of the definition does not get the message; a redispatch repeats the command.
    await open(subscription('2'));
    await correlator.applySubscriptionChanges([{ kind: 'open', subscription: subscription('1') }]);
    expect(bus.correlations()).toEqual([`${messageKey}→1`, `${messageKey}→1`, `${messageKey}→1`]);
  });

  it('stores the net change of a dispatch: a subscription opened and closed at once is gone', async () => {
    const { bus, store, correlator, publish } = setup();
    await publish(10_000);
    await correlator.applySubscriptionChanges([
      { kind: 'open', subscription: subscription('1') },
      { kind: 'close', subscription: subscription('1') },
    ]);
    expect(bus.correlations()).toEqual([]);
    expect(
      await store.findSubscriptions({ name: 'paid', correlationKey: 'order-1', tenantId: '<default>' }),
    ).toEqual([]);
  });

  it('refuses a buffered messageId with ALREADY_EXISTS', async () => {
    const { publish } = setup();
    await publish(10_000, { messageId: 'm-1' });
    const error = await publish(10_000, { messageId: 'm-1' }).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(BatonError);
    expect((error as BatonError).code).toBe('ALREADY_EXISTS');
  });

  it('correlates on request to the first subscription of each definition that takes the message', async () => {
    const { correlator, open } = setup();
    await open(subscription('1'), subscription('2'), subscription('3', 'def-b'));
    const sent: string[] = [];
    const result = await correlator.correlate(
      { name: 'paid', correlationKey: 'order-1', variables: {} },
      (command) => {
        if (command.type !== 'CORRELATE_MESSAGE') throw new Error('unexpected command');
        sent.push(command.elementInstanceKey);
        // Element instance 1 no longer waits (its subscription is stale).
        if (command.elementInstanceKey === '1')
          return Promise.reject(new BatonError('NOT_FOUND', 'not waiting'));
        return Promise.resolve();
      },
    );
    expect(sent).toEqual(['1', '2', '3']);
    expect(result.processInstanceKey).toBe('pi-2');
  });

  it('answers NOT_FOUND to a correlation that no subscription takes', async () => {
    const { correlator } = setup();
    const error = await correlator
      .correlate({ name: 'paid', correlationKey: 'order-1', variables: {} }, () => Promise.resolve())
      .catch((failure: unknown) => failure);
    expect((error as BatonError).code).toBe('NOT_FOUND');
  });
});
