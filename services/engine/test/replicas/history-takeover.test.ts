// The instance history across a change of replica, on one bus and one set of stores as on Kafka +
// MongoDB: the replica that wrote an instance's first entries stops, and the one that takes over
// its partitions continues the history from what is stored — its first event of the instance
// reads the stored entries back (trail-rebuild), so the entry records only what that event moved,
// and nothing already written is written again.
import { InMemoryBus } from '@baton/messaging';
import { InMemoryHistoryStore } from '@baton/store';
import { waitFor } from '@baton/testing';
import { createEngineRuntime, type EngineRuntime } from '../../src/engine-runtime';
import { serviceTaskBpmn } from '../fixtures/bpmn-fixtures';
import { sharedEmbeddedStores } from '../support/shared-embedded-stores';

const partitions = 4;
let bus: InMemoryBus;
let replicas: EngineRuntime[] = [];
let shared: Parameters<typeof createEngineRuntime>[0];
const history = new InMemoryHistoryStore();

beforeEach(() => {
  bus = new InMemoryBus({ partitions, topicPrefix: '' });
  shared = {
    ...sharedEmbeddedStores(bus, partitions),
    historyStore: history,
  };
});

afterEach(async () => {
  for (const replica of replicas) await replica.close();
  replicas = [];
  await bus.close();
});

async function start(replicaId: string): Promise<EngineRuntime> {
  const replica = await createEngineRuntime({ ...shared, replicaId });
  replicas.push(replica);
  return replica;
}

async function entries(replica: EngineRuntime, processInstanceKey: string, count: number) {
  return waitFor(
    async () => {
      const page = await replica.instanceHistory(processInstanceKey, { limit: 100 });
      return page.items.length >= count ? page.items : undefined;
    },
    { timeoutMs: 10_000, description: `${count} history entries` },
  );
}

it("continues an instance's history on the replica that takes over, from the stored entries", async () => {
  const first = await start('replica-one');
  await first.deploy([{ name: 'order.bpmn', content: serviceTaskBpmn('history-order', 'check') }]);
  const { processInstanceKey } = await first.createInstance({
    processDefinitionId: 'history-order',
    variables: { amount: 10 },
  });
  await first.setVariables(processInstanceKey, { amount: 25 }, false, 'operator-olga');
  await entries(first, processInstanceKey, 2);
  await first.close();
  replicas = [];

  const second = await start('replica-two');
  await second.suspendInstance(processInstanceKey, true, 'operator-olga');
  const items = await entries(second, processInstanceKey, 3);
  expect(items.map((entry) => [entry.command, entry.actor ?? null])).toEqual([
    ['CREATE_INSTANCE', null],
    ['SET_VARIABLES', 'operator-olga'],
    ['SUSPEND_INSTANCE', 'operator-olga'],
  ]);
  // The token did not move: the rebuilt trail knows where it was, and only the suspension is new.
  expect(items[2]).toMatchObject({ suspended: true, tokens: [], completedElementIds: [], variables: [] });
  expect(items[0]).toMatchObject({
    tokens: [expect.objectContaining({ elementId: 'work', state: 'ACTIVE' })],
    completedElementIds: ['start'],
  });
});
