import { describeFormStoreContract } from '../test/contract/form-store-contract';
import { InMemoryFormStore } from './in-memory-form-store';

describeFormStoreContract('InMemoryFormStore', () => Promise.resolve(new InMemoryFormStore()));
