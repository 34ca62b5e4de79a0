// The embedded signal subscription store: a map by key, looked through by name on a broadcast.
import type { SignalSubscription } from '@baton/engine-core';
import type { SignalSubscriptionStore } from './signal-subscription-store';

export class InMemorySignalSubscriptionStore implements SignalSubscriptionStore {
  private readonly byKey = new Map<string, SignalSubscription>();

  open(subscription: SignalSubscription): Promise<void> {
    this.byKey.set(subscription.elementInstanceKey, { ...subscription });
    return Promise.resolve();
  }

  close(elementInstanceKey: string): Promise<void> {
    this.byKey.delete(elementInstanceKey);
    return Promise.resolve();
  }

  find(signalName: string, tenantId: string): Promise<readonly SignalSubscription[]> {
    const found = [...this.byKey.values()]
      .filter((subscription) => subscription.signalName === signalName && subscription.tenantId === tenantId)
      .sort((a, b) => compareKeys(a.elementInstanceKey, b.elementInstanceKey))
      .map((subscription) => ({ ...subscription }));
    return Promise.resolve(found);
  }
}

/** Decimal keys in numeric order. */
function compareKeys(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
