import { describeTimerStoreContract } from '../contract/timer-store-contract';
import { TestDatabases } from './test-databases';

let databases: TestDatabases;
beforeAll(async () => {
  databases = await TestDatabases.connect();
});
afterAll(() => databases.dropAll());

describeTimerStoreContract('MongoTimerStore', async () => (await databases.openStores()).timers);
