import { describeFormStoreContract } from '../../test/contract/form-store-contract';
import { TestDatabases } from '../../test/support/test-databases';

let databases: TestDatabases;
beforeAll(async () => {
  databases = await TestDatabases.connect();
});
afterAll(() => databases.dropAll());

describeFormStoreContract('MongoFormStore', async () => (await databases.openStores()).forms);
