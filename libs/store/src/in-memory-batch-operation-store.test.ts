import { describeBatchOperationStoreContract } from '../test/contract/batch-operation-store-contract';
import { InMemoryBatchOperationStore } from './in-memory-batch-operation-store';

describeBatchOperationStoreContract('InMemoryBatchOperationStore', () =>
  Promise.resolve(new InMemoryBatchOperationStore()),
);
