// What a batch gives the signal broadcaster and its deliveries: the broadcasts it made and the
// signal subscriptions it opened or closed (apart, so that both import them without a cycle).
import type { Variables } from '@baton/contracts';
import type { SignalSubscription } from '@baton/engine-core';

/** One broadcast: its key names it in the commands it sends. */
export interface SignalBroadcast {
  readonly signalKey: string;
  readonly signalName: string;
  readonly variables: Variables;
  readonly tenantId: string;
}

/** A signal subscription change of a batch, in effect order. */
export type SignalSubscriptionChange =
  | { readonly kind: 'open'; readonly subscription: SignalSubscription }
  | { readonly kind: 'close'; readonly subscription: SignalSubscription };
