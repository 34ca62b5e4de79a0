import { describeDefinitionStoreContract, exampleModel } from '../../test/contract/definition-store-contract';
import { TestDatabases } from '../../test/support/test-databases';

let databases: TestDatabases;
beforeAll(async () => {
  databases = await TestDatabases.connect();
});
afterAll(() => databases.dropAll());

describeDefinitionStoreContract(
  'MongoDefinitionStore',
  async () => (await databases.openStores()).definitions,
);

describe('MongoDefinitionStore', () => {
  it('hands out a frozen model that a second store instance reads back equal', async () => {
    const dbName = databases.newDatabaseName();
    const writer = (await databases.openStores({}, dbName)).definitions;
    const reader = (await databases.openStores({}, dbName)).definitions;
    const model = await exampleModel();
    const definition = {
      processDefinitionKey: '2251799813685249',
      processDefinitionId: model.processDefinitionId,
      processDefinitionVersion: 1,
      resourceName: 'order-process.bpmn',
      tenantId: '<default>',
      deploymentKey: '2251799813685248',
      bpmnXml: '<definitions/>',
      checksum: 'abc',
      model,
      deployedAt: '2026-01-01T00:00:00.000Z',
    };
    expect(await writer.insert(definition)).toBe(true);
    expect(await reader.insert({ ...definition, processDefinitionKey: '2251799813685250' })).toBe(false);

    const read = await reader.getByVersion(model.processDefinitionId, 1);
    expect(read).toStrictEqual(definition);
    expect(Object.isFrozen(read?.model.elements)).toBe(true);
    expect(await reader.getByKey(definition.processDefinitionKey)).toBe(read);
  });
});
