import { describeBusinessIdStoreContract } from '../../test/contract/business-id-store-contract';
import { TestDatabases } from '../../test/support/test-databases';

let databases: TestDatabases;
beforeAll(async () => {
  databases = await TestDatabases.connect();
});
afterAll(() => databases.dropAll());

describeBusinessIdStoreContract(
  'MongoBusinessIdStore',
  async () => (await databases.openStores()).businessIds,
);
