import { describeSignalSubscriptionStoreContract } from '../../test/contract/signal-subscription-store-contract';
import { TestDatabases } from '../../test/support/test-databases';

let databases: TestDatabases;
beforeAll(async () => {
  databases = await TestDatabases.connect();
});
afterAll(() => databases.dropAll());

describeSignalSubscriptionStoreContract(
  'MongoSignalSubscriptionStore',
  async () => (await databases.openStores()).signalSubscriptions,
);
