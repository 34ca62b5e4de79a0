// The fan-out of a signal broadcast, on the in-memory stores with a bus that records what it is
// asked to produce: one TRIGGER_SIGNAL per subscription of the name (idempotent command ids), one
// CREATE_INSTANCE per signal start event of the latest versions only, the batch's own subscription
// changes counted before they are stored, suspended definitions and missing mandatory variables
// left alone.
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
import { SignalBroadcaster } from './signal-broadcaster';

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
    definitions,
    bus,
    commandsTopic: COMMANDS_TOPIC,
    nextKey: () => String(key++),
    isSuspended: (processDefinitionKey) => Promise.resolve(suspended.includes(processDefinitionKey)),
  });
  return { store, definitions, bus, broadcaster };
}

describe('SignalBroadcaster', () => {
  it('sends one trigger per waiting subscription of the name, with ids that make a repeat a no-op', async () => {
    const { store, bus, broadcaster } = setup();
    await broadcaster.applySubscriptionChanges([
      { kind: 'open', subscription: subscription('11') },
      { kind: 'open', subscription: subscription('12') },
      { kind: 'open', subscription: subscription('13', 'other') },
      { kind: 'open', subscription: subscription('14') },
      { kind: 'close', subscription: subscription('14') },
    ]);
    expect(await store.find('go', '<default>')).toHaveLength(2);

    const { signalKey } = await broadcaster.broadcast({
      signalName: 'go',
      variables: { a: 1 },
      tenantId: '<default>',
    });
    expect(bus.commands()).toEqual(
      ['11', '12'].map((key) => ({
        type: 'TRIGGER_SIGNAL',
        commandId: `signal:${signalKey}:${key}`,
        processInstanceKey: `pi-${key}`,
        elementInstanceKey: key,
        signalKey,
        signalName: 'go',
        variables: { a: 1 },
      })),
    );
  });

  it('a broadcast nobody waits for sends nothing and still has a key', async () => {
    const { bus, broadcaster } = setup();
    const { signalKey } = await broadcaster.broadcast({
      signalName: 'go',
      variables: {},
      tenantId: '<default>',
    });
    expect(signalKey).toBe('100');
    expect(bus.produced).toEqual([]);
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
    expect(bus.commands()).toEqual([
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
        .map((command) => ('processDefinitionKey' in command ? command.processDefinitionKey : ''));
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

  it("a thrown signal reaches the subscriptions its own batch opened, not those it closed, into the batch's producer", async () => {
    const { bus, broadcaster } = setup();
    await broadcaster.applySubscriptionChanges([
      { kind: 'open', subscription: subscription('21') },
      { kind: 'open', subscription: subscription('22') },
    ]);
    const transaction = new RecordingBus();
    await broadcaster.publish(
      [{ signalKey: '900', signalName: 'go', variables: {}, tenantId: '<default>' }],
      [
        { kind: 'close', subscription: subscription('22') },
        { kind: 'open', subscription: subscription('23') },
      ],
      transaction,
    );
    expect(bus.produced).toEqual([]);
    expect(transaction.commands().map((command) => command.commandId)).toEqual([
      'signal:900:21',
      'signal:900:23',
    ]);
  });
});
