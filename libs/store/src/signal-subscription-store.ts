// The signal subscription store port: the signal catches waiting in instances (intermediate catch,
// boundary and event subprocess start events), by the key TRIGGER_SIGNAL names. A broadcast's
// delivery to a partition (DELIVER_SIGNAL) looks up the subscriptions of its name here, with those
// its owner committed but has not stored yet (services/engine signal-deliveries.ts); the owners
// write them after their batch's commit, as they write message subscriptions.
import type { SignalSubscription } from '@baton/engine-core';

export interface SignalSubscriptionStore {
  /** Stores a subscription (SIGNAL_SUBSCRIPTION_OPENED); storing it again changes nothing. */
  open(subscription: SignalSubscription): Promise<void>;
  /** Forgets the subscription under this key (SIGNAL_SUBSCRIPTION_CLOSED), if stored. */
  close(elementInstanceKey: string): Promise<void>;
  /** Every open subscription waiting for a signal of this name, oldest key first. */
  find(signalName: string, tenantId: string): Promise<readonly SignalSubscription[]>;
}
