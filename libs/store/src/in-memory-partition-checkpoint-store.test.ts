import { describePartitionCheckpointStoreContract } from '../test/contract/partition-checkpoint-store-contract';
import { InMemoryPartitionCheckpointStore } from './in-memory-partition-checkpoint-store';

describePartitionCheckpointStoreContract('InMemoryPartitionCheckpointStore', () =>
  Promise.resolve(new InMemoryPartitionCheckpointStore()),
);
