import { describeMessageStoreContract } from '../../test/contract/message-store-contract';
import { TestDatabases } from '../../test/support/test-databases';

let databases: TestDatabases;
beforeAll(async () => {
  databases = await TestDatabases.connect();
});
afterAll(() => databases.dropAll());

describeMessageStoreContract('MongoMessageStore', async () => (await databases.openStores()).messages);
