import { describeSignalSubscriptionStoreContract } from '../test/contract/signal-subscription-store-contract';
import { InMemorySignalSubscriptionStore } from './in-memory-signal-subscription-store';

describeSignalSubscriptionStoreContract('InMemorySignalSubscriptionStore', () =>
  Promise.resolve(new InMemorySignalSubscriptionStore()),
);
