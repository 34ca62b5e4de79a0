import { describeSuspensionStoreContract } from '../../test/contract/suspension-store-contract';
import { TestDatabases } from '../../test/support/test-databases';

let databases: TestDatabases;
beforeAll(async () => {
  databases = await TestDatabases.connect();
});
afterAll(() => databases.dropAll());

describeSuspensionStoreContract('MongoSuspensionStore', async () => {
  const stores = await databases.openStores();
  return { suspensions: stores.suspensions, jobs: stores.jobs, timers: stores.timers };
});
