// The behaviour every SignalSubscriptionStore adapter shares, run against each adapter.
import type { SignalSubscription } from '@baton/engine-core';
import type { SignalSubscriptionStore } from '../../src/signal-subscription-store';

function subscription(
  elementInstanceKey: string,
  overrides: Partial<SignalSubscription> = {},
): SignalSubscription {
  return {
    processInstanceKey: '1',
    processDefinitionKey: '100',
    elementInstanceKey,
    elementId: 'wait',
    signalName: 'go',
    tenantId: '<default>',
    ...overrides,
  };
}

/** Registers the signal subscription store cases; `createStore` gives an empty store per test. */
export function describeSignalSubscriptionStoreContract(
  name: string,
  createStore: () => Promise<SignalSubscriptionStore>,
): void {
  describe(`${name} (SignalSubscriptionStore contract)`, () => {
    it('finds every open subscription of a name, in key order, across instances', async () => {
      const store = await createStore();
      await store.open(subscription('30', { processInstanceKey: '3' }));
      await store.open(subscription('4', { processInstanceKey: '2', elementId: 'stop' }));
      await store.open(subscription('5', { signalName: 'other' }));
      await store.open(subscription('6', { tenantId: 'elsewhere' }));
      expect(await store.find('go', '<default>')).toEqual([
        subscription('4', { processInstanceKey: '2', elementId: 'stop' }),
        subscription('30', { processInstanceKey: '3' }),
      ]);
      expect(await store.find('nobody', '<default>')).toEqual([]);
    });

    it('opening twice keeps one; closing forgets it, and closing again changes nothing', async () => {
      const store = await createStore();
      await store.open(subscription('7'));
      await store.open(subscription('7'));
      expect(await store.find('go', '<default>')).toHaveLength(1);
      await store.close('7');
      await store.close('7');
      expect(await store.find('go', '<default>')).toEqual([]);
    });
  });
}
