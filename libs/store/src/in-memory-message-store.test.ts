import { describeMessageStoreContract } from './contract/message-store-contract';
import { InMemoryMessageStore } from './in-memory-message-store';

describeMessageStoreContract('InMemoryMessageStore', () => Promise.resolve(new InMemoryMessageStore()));
