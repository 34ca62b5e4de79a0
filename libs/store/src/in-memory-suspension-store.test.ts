import { describeSuspensionStoreContract } from '../test/contract/suspension-store-contract';
import { InMemoryJobStore } from './in-memory-job-store';
import { InMemorySuspensionStore } from './in-memory-suspension-store';
import { InMemoryTimerStore } from './in-memory-timer-store';

describeSuspensionStoreContract('InMemorySuspensionStore', () =>
  Promise.resolve({
    suspensions: new InMemorySuspensionStore(),
    jobs: new InMemoryJobStore(),
    timers: new InMemoryTimerStore(),
  }),
);
