// The fan-out of a signal broadcast, on the in-memory stores with a bus that records what it is
// asked to produce: one DELIVER_SIGNAL per partition, one CREATE_INSTANCE per signal start event
// of the latest versions only (suspended definitions and missing mandatory variables left alone);
// and a delivery's owner sending one TRIGGER_SIGNAL per subscription of its partition waiting at
// it (idempotent command ids) — stored, committed but not yet stored, or opened by the commands
// before it in its batch.
import { compileBpmn } from '@baton/bpmn';
import type { EngineCommand } from '@baton/contracts';
import type { SignalSubscription } from '@baton/engine-core';
import type { MessageBus, OutgoingMessage, Subscription } from '@baton/messaging';
import {
  InMemoryDefinitionStore,
  InMemorySignalSubscriptionStore,
  type StoredDefinition,
} from '@baton/store';
import { batonTopics } from '@baton/topics';
import { SignalBroadcaster, type SignalSubscriptionChange } from './signal-broadcaster';
import type { SignalDeliveryEffect } from './signal-deliveries';

const COMMANDS_TOPIC = batonTopics('test.').engineCommands;

class RecordingBus implements MessageBus {
  readonly produced: { topic: string; message: OutgoingMessage }[] = [];

  produce(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    for (const message of messages) this.produced.push({ topic, message });
    return Promise.resolve();
  }
  subscribe(): Promise<Subscription> {
    return Promise.reject(new Error('not used by the broadcaster'));
  }
  close(): Promise<void> {
    return Promise.resolve();
  }

  commands(): EngineCommand[] {
    return this.produced.map(({ topic, message }) => {
      expect(topic).toBe(COMMANDS_TOPIC.name);
      const command = message.value as EngineCommand;
      expect(message.key).toBe(command.processInstanceKey);
      return command;
    });
  }
}

/** Two partitions: a key ending in an odd digit is on partition 1, any other on 0. */
const commandPartitions = { count: 2, of: (key: string) => Number(key.at(-1)) % 2 };

/** The subscription's instance is on partition `Number(elementInstanceKey.at(-1)) % 2`. */
function subscription(elementInstanceKey: string, signalName = 'go'): SignalSubscription {
  return {
    processInstanceKey: `pi-${elementInstanceKey}`,
    processDefinitionKey: 'def-catch',
    elementInstanceKey,
    elementId: 'wait',
    signalName,
    tenantId: '<default>',
  };
}

async function definition(
  processId: string,
  version: number,
  signalName: string | undefined,
  mandatory = false,
): Promise<StoredDefinition> {
  const start = signalName
    ? '<bpmn:startEvent id="on-signal"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:startEvent>'
    : '<bpmn:startEvent id="on-signal" />';
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:baton="https://baton.dev/schema/bpmn/1.0" id="d" targetNamespace="t">
  <bpmn:process id="${processId}" isExecutable="true"${mandatory ? ' baton:mandatoryParams="orderId"' : ''}>${start}<bpmn:endEvent id="end" /><bpmn:sequenceFlow id="f" sourceRef="on-signal" targetRef="end" /></bpmn:process>
  <bpmn:signal id="sig" name="${signalName ?? 'unused'}" />
</bpmn:definitions>`;
  const compiled = await compileBpmn(xml, { resourceName: `${processId}.bpmn` });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  return {
    processDefinitionKey: `${processId}-v${version}`,
    processDefinitionId: processId,
    processDefinitionVersion: version,
    resourceName: `${processId}.bpmn`,
    tenantId: '<default>',
    deploymentKey: `deployment-${processId}-${version}`,
    bpmnXml: xml,
    checksum: `${processId}-${version}`,
    model: compiled.processes[0] as NonNullable<(typeof compiled.processes)[0]>,
    deployedAt: new Date(0).toISOString(),
  };
}

function setup(suspended: readonly string[] = []) {
  let key = 100;
  const store = new InMemorySignalSubscriptionStore();
  const definitions = new InMemoryDefinitionStore();
  const bus = new RecordingBus();
  const broadcaster = new SignalBroadcaster({
    store,
    commandPartitions,
    definitions,
    bus,
    commandsTopic: COMMANDS_TOPIC,
    nextKey: () => String(key++),
    isSuspended: (processDefinitionKey) => Promise.resolve(suspended.includes(processDefinitionKey)),
  });
  return { store, definitions, bus, broadcaster };
}

describe('SignalBroadcaster', () => {
  it('appends one delivery per partition, keyed to land on it, and nothing else when no process starts on it', async () => {
    const { bus, broadcaster } = setup();
    const { signalKey } = await broadcaster.broadcast({
      signalName: 'go',
      variables: { a: 1 },
      tenantId: '<default>',
    });
    expect(signalKey).toBe('100');
    expect(bus.commands()).toEqual(
      [0, 1].map((partition) => ({
        type: 'DELIVER_SIGNAL',
        commandId: `signal-delivery:${signalKey}:${partition}`,
        processInstanceKey: String(partition),
        partition,
        signalKey,
        signalName: 'go',
        variables: { a: 1 },
        tenantId: '<default>',
      })),
    );
  });

  it('starts the latest version of each process with a signal start event of the name, unless suspended or lacking mandatory variables', async () => {
    const { definitions, bus, broadcaster } = setup(['held-v1']);
    await definitions.insert(await definition('orders', 1, 'go'));
    await definitions.insert(await definition('orders', 2, 'go'));
    await definitions.insert(await definition('moved-away', 1, 'go'));
    await definitions.insert(await definition('moved-away', 2, undefined));
    await definitions.insert(await definition('held', 1, 'go'));
    await definitions.insert(await definition('strict', 1, 'go', true));

    const { signalKey } = await broadcaster.broadcast({
      signalName: 'go',
      variables: { from: 'signal' },
      tenantId: '<default>',
    });
    expect(bus.commands().filter((command) => command.type === 'CREATE_INSTANCE')).toEqual([
      {
        type: 'CREATE_INSTANCE',
        commandId: `signal-start:${signalKey}:orders-v2`,
        processInstanceKey: expect.any(String),
        processDefinitionKey: 'orders-v2',
        variables: { from: 'signal' },
        startInstructions: [{ elementId: 'on-signal' }],
      },
    ]);
  });

  it('a deployment on this replica is seen by the next broadcast (invalidate), one elsewhere within the index age', async () => {
    let now = 0;
    const { definitions, bus } = setup();
    const clocked = new SignalBroadcaster({
      store: new InMemorySignalSubscriptionStore(),
      commandPartitions,
      definitions,
      bus,
      commandsTopic: COMMANDS_TOPIC,
      nextKey: () => 'k',
      clock: () => now,
      indexMaxAgeMs: 1000,
    });
    const started = () =>
      bus
        .commands()
        .flatMap((command) => (command.type === 'CREATE_INSTANCE' ? [command.processDefinitionKey] : []));
    await definitions.insert(await definition('orders', 1, 'go'));
    await clocked.broadcast({ signalName: 'go', variables: {}, tenantId: '<default>' });
    await definitions.insert(await definition('orders', 2, 'go'));
    await clocked.broadcast({ signalName: 'go', variables: {}, tenantId: '<default>' });
    now = 1000;
    await clocked.broadcast({ signalName: 'go', variables: {}, tenantId: '<default>' });
    await definitions.insert(await definition('orders', 3, 'go'));
    clocked.invalidate();
    await clocked.broadcast({ signalName: 'go', variables: {}, tenantId: '<default>' });
    expect(started()).toEqual(['orders-v1', 'orders-v1', 'orders-v2', 'orders-v3']);
  });

  it("a thrown signal is delivered to every partition, in the batch's producer", async () => {
    const { bus, broadcaster } = setup();
    const transaction = new RecordingBus();
    await broadcaster.publish(
      [{ signalKey: '900', signalName: 'go', variables: {}, tenantId: '<default>' }],
      [],
      [],
      transaction,
    );
    expect(bus.produced).toEqual([]);
    expect(transaction.commands().map((command) => command.commandId)).toEqual([
      'signal-delivery:900:0',
      'signal-delivery:900:1',
    ]);
  });
});

describe("a delivery on its partition's owner", () => {
  const delivery = (before: readonly SignalSubscriptionChange[] = []): SignalDeliveryEffect => ({
    type: 'SIGNAL_DELIVERY',
    partition: 1,
    signalKey: '900',
    signalName: 'go',
    variables: { a: 1 },
    tenantId: '<default>',
    before,
  });
  const open = (key: string, name = 'go'): SignalSubscriptionChange => ({
    kind: 'open',
    subscription: subscription(key, name),
  });
  const close = (key: string): SignalSubscriptionChange => ({
    kind: 'close',
    subscription: subscription(key),
  });

  /** What one batch holding `deliveries` sends, its own changes being `changes`. */
  async function triggered(
    broadcaster: SignalBroadcaster,
    deliveries: readonly SignalDeliveryEffect[],
    changes: readonly SignalSubscriptionChange[] = [],
  ): Promise<EngineCommand[]> {
    const transaction = new RecordingBus();
    await broadcaster.publish([], deliveries, changes, transaction);
    return transaction.commands();
  }

  it('triggers each stored subscription of its partition and name once, with ids that make a repeat a no-op', async () => {
    const { broadcaster } = setup();
    await broadcaster.applySubscriptionChanges([open('11'), open('12'), open('13', 'other'), open('15')]);
    await broadcaster.applySubscriptionChanges([close('15')]);
    expect(await triggered(broadcaster, [delivery()])).toEqual([
      {
        type: 'TRIGGER_SIGNAL',
        commandId: 'signal:900:11',
        processInstanceKey: 'pi-11',
        elementInstanceKey: '11',
        signalKey: '900',
        signalName: 'go',
        variables: { a: 1 },
      },
    ]);
  });

  it('triggers a catch committed in an earlier batch whose subscription is not stored yet (the window a store read missed)', async () => {
    const { store, broadcaster } = setup();
    await broadcaster.applySubscriptionChanges([open('21')]);
    // Batch A opens 23 and closes 21: committed (published in its transaction), not stored yet.
    const batchA = [open('23'), close('21')];
    expect(await triggered(broadcaster, [], batchA)).toEqual([]);
    expect((await store.find('go', '<default>')).map((s) => s.elementInstanceKey)).toEqual(['21']);

    // Batch B reaches the delivery: 23 waits (not yet stored), 21 no longer does.
    expect((await triggered(broadcaster, [delivery()])).map((command) => command.commandId)).toEqual([
      'signal:900:23',
    ]);
    // Once stored, the store answers the same.
    await broadcaster.applySubscriptionChanges(batchA);
    expect((await triggered(broadcaster, [delivery()])).map((command) => command.commandId)).toEqual([
      'signal:900:23',
    ]);
  });

  it('counts the changes of the commands before it in its batch, not those after', async () => {
    const { broadcaster } = setup();
    await broadcaster.applySubscriptionChanges([open('31')]);
    const before = [open('33'), close('31')];
    const after = [open('35')];
    expect(
      (await triggered(broadcaster, [delivery(before)], [...before, ...after])).map(
        (command) => command.commandId,
      ),
    ).toEqual(['signal:900:33']);
  });
});
