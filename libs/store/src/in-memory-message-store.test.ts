import { describeMessageStoreContract } from '../test/contract/message-store-contract';
import { InMemoryMessageStore } from './in-memory-message-store';

describeMessageStoreContract('InMemoryMessageStore', () => Promise.resolve(new InMemoryMessageStore()));
