import { describeTimerStoreContract } from '../test/contract/timer-store-contract';
import { InMemoryTimerStore } from './in-memory-timer-store';

describeTimerStoreContract('InMemoryTimerStore', () => Promise.resolve(new InMemoryTimerStore()));
