// The window a broadcast used to miss, on the embedded runtime through its ports: a signal catch is
// committed, but its subscription is not stored yet (the store's write is held), when a broadcast
// is made. Reading the stored subscriptions where the broadcast is made found nothing and the
// instance waited forever; delivered to every partition as a command, the catch's partition owner
// reaches it after the catch in the log and triggers it, once.
import type { SignalSubscription } from '@baton/engine-core';
import { InMemorySignalSubscriptionStore, type SignalSubscriptionStore } from '@baton/store';
import { uniqueName, waitFor } from '@baton/testing';
import { createEngineRuntime, type EngineRuntime } from '../engine-runtime';

const TIMEOUT = { timeoutMs: 10_000, intervalMs: 10 };
// The first compile of a model loads the BPMN and FEEL packages cold.
jest.setTimeout(30_000);

/** A subscription store whose writes wait while it is held, as a slow database's would. */
class HeldSignalSubscriptionStore implements SignalSubscriptionStore {
  private readonly inner = new InMemorySignalSubscriptionStore();
  private release?: () => void;
  private held?: Promise<void>;
  readonly waitingWrites: SignalSubscription[] = [];

  hold(): void {
    this.held = new Promise((resolve) => (this.release = resolve));
  }
  letGo(): void {
    this.release?.();
    this.held = undefined;
  }
  async open(subscription: SignalSubscription): Promise<void> {
    if (this.held) {
      this.waitingWrites.push(subscription);
      await this.held;
    }
    await this.inner.open(subscription);
  }
  async close(elementInstanceKey: string): Promise<void> {
    await this.held;
    await this.inner.close(elementInstanceKey);
  }
  find(signalName: string, tenantId: string): Promise<readonly SignalSubscription[]> {
    return this.inner.find(signalName, tenantId);
  }
}

/** start → intermediate signal catch → end. */
function catchXml(processId: string, signalName: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait" />
    <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="end" />
  </bpmn:process>
  <bpmn:signal id="sig" name="${signalName}" />
</bpmn:definitions>`;
}

let engine: EngineRuntime;
const store = new HeldSignalSubscriptionStore();

beforeAll(async () => {
  engine = await createEngineRuntime({ signalSubscriptionStore: store });
});
afterAll(async () => {
  store.letGo();
  await engine.close();
});

it('a catch committed but not yet stored when the broadcast is made is triggered once', async () => {
  const processId = uniqueName('window');
  const signalName = uniqueName('go');
  await engine.deploy([{ name: `${processId}.bpmn`, content: catchXml(processId, signalName) }]);

  store.hold();
  // Answered once its batch is stored: not before the store lets go.
  const created = engine.createInstance({ processDefinitionId: processId });
  // The catch is committed: its batch is writing the subscription, which the store holds.
  await waitFor(() => (store.waitingWrites.length > 0 ? true : undefined), TIMEOUT);
  expect(await store.find(signalName, '<default>')).toEqual([]);

  await engine.broadcastSignal({ signalName, variables: { reason: 'window' } });
  store.letGo();
  const { processInstanceKey } = await created;
  expect(store.waitingWrites.map((s) => s.processInstanceKey)).toEqual([processInstanceKey]);

  const ended = await waitFor(async () => {
    const instance = await engine.getInstance(processInstanceKey);
    return instance?.state === 'COMPLETED' ? instance : undefined;
  }, TIMEOUT);
  expect(ended.variables[processInstanceKey]).toEqual({ reason: 'window' });
});
