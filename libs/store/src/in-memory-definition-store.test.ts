import { describeDefinitionStoreContract } from '../test/contract/definition-store-contract';
import { InMemoryDefinitionStore } from './in-memory-definition-store';

describeDefinitionStoreContract('InMemoryDefinitionStore', () =>
  Promise.resolve(new InMemoryDefinitionStore()),
);
