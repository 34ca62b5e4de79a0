import { describeHistoryStoreContract } from '../../test/contract/history-store-contract';
import { TestDatabases } from '../../test/support/test-databases';

let databases: TestDatabases;
beforeAll(async () => {
  databases = await TestDatabases.connect();
});
afterAll(() => databases.dropAll());

describeHistoryStoreContract('MongoHistoryStore', async () => (await databases.openStores()).history);
