import { describeDecisionDeletionContract } from '../../test/contract/decision-deletion-contract';
import { describeDecisionInstanceContract } from '../../test/contract/decision-instance-contract';
import { TestDatabases } from '../../test/support/test-databases';

let databases: TestDatabases;
beforeAll(async () => {
  databases = await TestDatabases.connect();
});
afterAll(() => databases.dropAll());

describeDecisionInstanceContract('MongoDecisionStore', async () => (await databases.openStores()).decisions);
describeDecisionDeletionContract('MongoDecisionStore', async () => (await databases.openStores()).decisions);
