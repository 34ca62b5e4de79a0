// Two replicas on one bus and one set of stores, as on Kafka + MongoDB: a create is answered from
// each replica's memory (known definitions, the suspension registry), and a deployment or a
// suspension made through one replica reaches the other's memory over the definition-changes topic.
import { BatonError } from '@baton/contracts';
import { InMemoryBus } from '@baton/messaging';
import { waitFor } from '@baton/testing';
import { createEngineRuntime, type EngineRuntime } from '../../src/engine-runtime';
import { serviceTaskBpmn } from '../fixtures/bpmn-fixtures';
import { sharedEmbeddedStores } from '../support/shared-embedded-stores';

const partitions = 4;
let bus: InMemoryBus;
let first: EngineRuntime;
let second: EngineRuntime;

beforeEach(async () => {
  bus = new InMemoryBus({ partitions, topicPrefix: '' });
  const shared = {
    ...sharedEmbeddedStores(bus, partitions),
    // Only the changes told over the topic may update the other replica within the test.
    suspensionRefreshMs: 3_600_000,
  };
  first = await createEngineRuntime({ ...shared, replicaId: 'replica-one' });
  second = await createEngineRuntime({ ...shared, replicaId: 'replica-two' });
});

afterEach(async () => {
  await first.close();
  await second.close();
  await bus.close();
});

const startedVersion = async (engine: EngineRuntime, processDefinitionId: string) => {
  const created = await engine.createInstance({ processDefinitionId });
  return (await engine.getDefinition(created.processDefinitionKey))?.processDefinitionVersion;
};

it('starts the version deployed through the other replica once it is told', async () => {
  await first.deploy([{ name: 'order.bpmn', content: serviceTaskBpmn('order', 'pack') }]);
  expect(await startedVersion(second, 'order')).toBe(1); // never seen: read from the store
  await first.deploy([{ name: 'order.bpmn', content: serviceTaskBpmn('order', 'pack', { name: 'v2' }) }]);
  expect(await startedVersion(first, 'order')).toBe(2); // the deploying replica knows at once
  await waitFor(async () => (await startedVersion(second, 'order')) === 2, {
    description: 'the second replica starts version 2',
  });
});

it('refuses creates of a definition suspended through the other replica once it is told, and takes them again after', async () => {
  const deployed = await first.deploy([{ name: 'order.bpmn', content: serviceTaskBpmn('order', 'pack') }]);
  const processDefinitionKey = deployed.processes[0]!.processDefinitionKey;
  expect(await startedVersion(second, 'order')).toBe(1);
  await first.suspendDefinition(processDefinitionKey, { suspended: true });
  await expect(first.createInstance({ processDefinitionId: 'order' })).rejects.toThrow(BatonError);
  const refused = async () =>
    second.createInstance({ processDefinitionId: 'order' }).then(
      () => false,
      (error: unknown) => error instanceof BatonError && error.code === 'INVALID_STATE',
    );
  await waitFor(refused, { description: 'the second replica refuses the suspended definition' });
  await first.suspendDefinition(processDefinitionKey, { suspended: false });
  await waitFor(async () => !(await refused()), { description: 'the second replica starts it again' });
});
