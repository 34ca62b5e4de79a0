import { describeBatchOperationStoreContract } from '../../test/contract/batch-operation-store-contract';
import { TestDatabases } from '../../test/support/test-databases';

let databases: TestDatabases;
beforeAll(async () => {
  databases = await TestDatabases.connect();
});
afterAll(() => databases.dropAll());

describeBatchOperationStoreContract('MongoBatchOperationStore', async () => {
  const stores = await databases.openStores();
  return stores.batchOperations;
});
