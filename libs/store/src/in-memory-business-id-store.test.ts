import { describeBusinessIdStoreContract } from '../test/contract/business-id-store-contract';
import { InMemoryBusinessIdStore } from './in-memory-business-id-store';

describeBusinessIdStoreContract('InMemoryBusinessIdStore', () =>
  Promise.resolve(new InMemoryBusinessIdStore()),
);
