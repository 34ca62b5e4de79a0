import { describeBusinessIdStoreContract } from '../contract/business-id-store-contract';
import { TestDatabases } from './test-databases';

let databases: TestDatabases;
beforeAll(async () => {
  databases = await TestDatabases.connect();
});
afterAll(() => databases.dropAll());

describeBusinessIdStoreContract(
  'MongoBusinessIdStore',
  async () => (await databases.openStores()).businessIds,
);
