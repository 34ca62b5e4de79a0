import { describeTimerStoreContract } from '../../test/contract/timer-store-contract';
import { TestDatabases } from '../../test/support/test-databases';

let databases: TestDatabases;
beforeAll(async () => {
  databases = await TestDatabases.connect();
});
afterAll(() => databases.dropAll());

describeTimerStoreContract('MongoTimerStore', async () => (await databases.openStores()).timers);
