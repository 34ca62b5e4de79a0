import { describeUserTaskStoreContract } from '../test/contract/user-task-store-contract';
import { InMemoryUserTaskStore } from './in-memory-user-task-store';

describeUserTaskStoreContract('InMemoryUserTaskStore', () => Promise.resolve(new InMemoryUserTaskStore()));
