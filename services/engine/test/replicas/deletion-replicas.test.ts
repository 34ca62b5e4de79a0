// Two replicas on one bus and one set of stores, as on Kafka + MongoDB: a process definition version
// deleted through one replica (POST /v2/resources/{key}/deletion) is forgotten by the other once the
// definition-changes topic tells it — its creates by id start the previous version again.
import { BatonError } from '@baton/contracts';
import { InMemoryBus } from '@baton/messaging';
import { waitFor } from '@baton/testing';
import { createEngineRuntime, type EngineRuntime } from '../../src/engine-runtime';
import { serviceTaskBpmn } from '../fixtures/bpmn-fixtures';
import { noneStartOnlyBpmn } from '../fixtures/event-fixtures';
import { sharedEmbeddedStores } from '../support/shared-embedded-stores';

const partitions = 4;
let bus: InMemoryBus;
let first: EngineRuntime;
let second: EngineRuntime;

beforeEach(async () => {
  bus = new InMemoryBus({ partitions, topicPrefix: '' });
  const shared = sharedEmbeddedStores(bus, partitions);
  first = await createEngineRuntime({ ...shared, replicaId: 'replica-one' });
  second = await createEngineRuntime({ ...shared, replicaId: 'replica-two' });
});

afterEach(async () => {
  await first.close();
  await second.close();
  await bus.close();
});

it('starts the previous version through the other replica once it is told of the deletion', async () => {
  await first.deploy([{ name: 'order.bpmn', content: serviceTaskBpmn('order', 'pack') }]);
  const deployedAgain = await first.deploy([{ name: 'order.bpmn', content: noneStartOnlyBpmn('order') }]);
  const deletedKey = deployedAgain.processes[0]!.processDefinitionKey;
  // The second replica knows version 2 (start → end) as the latest before the deletion.
  const before = await second.createInstance({ processDefinitionId: 'order' });
  expect(before.processDefinitionVersion).toBe(2);
  await waitFor(async () => (await second.getInstance(before.processInstanceKey))?.state === 'COMPLETED');
  await first.deleteResource(deletedKey);
  await waitFor(
    async () =>
      (await second.createInstance({ processDefinitionId: 'order' })).processDefinitionVersion === 1,
    { description: 'the second replica starts version 1 again' },
  );
  // The store answers "latest" at once; a create by the deleted key is refused once the second
  // replica was told (until then it answers such a create, and the owner honours it).
  await waitFor(
    () =>
      second.createInstance({ processDefinitionKey: deletedKey }).then(
        () => false,
        (error: unknown) => error instanceof BatonError && error.code === 'NOT_FOUND',
      ),
    { description: 'the second replica refuses a create by the deleted key' },
  );
  expect(await second.getDefinition(deletedKey)).toBeUndefined();
});
