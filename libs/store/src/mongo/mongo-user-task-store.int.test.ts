import { describeUserTaskStoreContract } from '../../test/contract/user-task-store-contract';
import { TestDatabases } from '../../test/support/test-databases';

let databases: TestDatabases;
beforeAll(async () => {
  databases = await TestDatabases.connect();
});
afterAll(() => databases.dropAll());

describeUserTaskStoreContract('MongoUserTaskStore', async () => (await databases.openStores()).userTasks);
