// The behaviour every MessageStore adapter shares, run against each adapter.
import type { MessageSubscription } from '@baton/engine-core';
import { MessageAlreadyExistsError, type BufferedMessage, type MessageStore } from '../../src/message-store';

const NOW = 1_000_000;
const PAYMENT = { name: 'payment-received', correlationKey: 'order-1', tenantId: '<default>' };

export function subscription(
  elementInstanceKey: string,
  overrides: Partial<MessageSubscription> = {},
): MessageSubscription {
  return {
    processInstanceKey: '1',
    processDefinitionKey: '100',
    elementInstanceKey,
    elementId: 'wait-payment',
    messageName: PAYMENT.name,
    correlationKey: PAYMENT.correlationKey,
    tenantId: PAYMENT.tenantId,
    ...overrides,
  };
}

export function message(messageKey: string, overrides: Partial<BufferedMessage> = {}): BufferedMessage {
  return {
    ...PAYMENT,
    messageKey,
    variables: { amount: 10, 'dotted.name': true, $dollar: 'x' },
    publishedAt: NOW,
    expiresAt: NOW + 60_000,
    ...overrides,
  };
}

/** Registers the message store cases; `createStore` gives an empty store per test. */
export function describeMessageStoreContract(name: string, createStore: () => Promise<MessageStore>): void {
  describe(`${name}: message store contract`, () => {
    let store: MessageStore;
    beforeEach(async () => {
      store = await createStore();
    });

    it('finds open subscriptions by message name, correlation key and tenant until they are closed', async () => {
      await store.openSubscription(subscription('11'));
      await store.openSubscription(subscription('12', { processInstanceKey: '2' }));
      await store.openSubscription(subscription('13', { correlationKey: 'order-2' }));
      await store.openSubscription(subscription('14', { messageName: 'other' }));
      await store.openSubscription(subscription('15', { tenantId: 'tenant-b' }));
      await store.openSubscription(subscription('11'));
      const found = await store.findSubscriptions(PAYMENT);
      expect([...found].sort((a, b) => a.elementInstanceKey.localeCompare(b.elementInstanceKey))).toEqual([
        subscription('11'),
        subscription('12', { processInstanceKey: '2' }),
      ]);
      await store.closeSubscription('11');
      await store.closeSubscription('11');
      await store.closeSubscription('99');
      expect(await store.findSubscriptions(PAYMENT)).toEqual([
        subscription('12', { processInstanceKey: '2' }),
      ]);
      expect(await store.findSubscriptions({ ...PAYMENT, correlationKey: 'order-2' })).toEqual([
        subscription('13', { correlationKey: 'order-2' }),
      ]);
    });

    it('lets one message claim a subscription, until it releases it or the subscription closes', async () => {
      await store.openSubscription(subscription('11'));
      expect(await store.claimSubscription('11', 'm-1')).toBe('m-1');
      expect(await store.claimSubscription('11', 'm-2')).toBe('m-1');
      expect(await store.claimSubscription('11', 'm-1')).toBe('m-1');
      await store.releaseSubscription('11', 'm-2');
      expect(await store.claimSubscription('11', 'm-3')).toBe('m-1');
      await store.releaseSubscription('11', 'm-1');
      expect(await store.claimSubscription('11', 'm-2')).toBe('m-2');
      await store.closeSubscription('11');
      await store.openSubscription(subscription('11'));
      expect(await store.claimSubscription('11', 'm-4')).toBe('m-4');
    });

    it('gives a subscription to one of several concurrent claims', async () => {
      await store.openSubscription(subscription('11'));
      const holders = await Promise.all(
        ['m-1', 'm-2', 'm-3', 'm-4'].map((key) => store.claimSubscription('11', key)),
      );
      expect(new Set(holders).size).toBe(1);
    });

    it('returns the unexpired buffered messages of a name and key, oldest first, as published', async () => {
      await store.publish(message('3', { publishedAt: NOW + 2 }));
      await store.publish(message('1', { publishedAt: NOW }));
      await store.publish(message('2', { publishedAt: NOW + 1, expiresAt: NOW + 10 }));
      await store.publish(message('4', { correlationKey: 'order-2' }));
      await store.publish(message('5', { messageId: 'm-5', tenantId: 'tenant-b' }));
      expect((await store.findBuffered(PAYMENT, NOW + 5)).map((found) => found.messageKey)).toEqual([
        '1',
        '2',
        '3',
      ]);
      const later = await store.findBuffered(PAYMENT, NOW + 10);
      expect(later.map((found) => found.messageKey)).toEqual(['1', '3']);
      expect(later[0]).toEqual(message('1'));
      expect(await store.findBuffered({ ...PAYMENT, name: 'unknown' }, NOW)).toEqual([]);
    });

    it('refuses a messageId already buffered for the same name and key, until that message expires', async () => {
      await store.publish(message('1', { messageId: 'pay-1', expiresAt: NOW + 100 }));
      const duplicate = await store
        .publish(message('2', { messageId: 'pay-1', publishedAt: NOW + 50 }))
        .catch((error: unknown) => error);
      expect(duplicate).toBeInstanceOf(MessageAlreadyExistsError);
      expect((duplicate as MessageAlreadyExistsError).code).toBe('ALREADY_EXISTS');
      expect((duplicate as Error).message).toContain("'pay-1'");

      // Same id under another name or key, or without an id: separate messages.
      await store.publish(message('3', { messageId: 'pay-1', correlationKey: 'order-2' }));
      await store.publish(message('4', { messageId: 'pay-1', name: 'refund' }));
      await store.publish(message('5'));
      expect((await store.findBuffered(PAYMENT, NOW + 60)).map((found) => found.messageKey)).toEqual([
        '1',
        '5',
      ]);

      // Once expired, the id is free again.
      await store.publish(message('6', { messageId: 'pay-1', publishedAt: NOW + 100, expiresAt: NOW + 200 }));
      expect((await store.findBuffered(PAYMENT, NOW + 100)).map((found) => found.messageKey)).toEqual([
        '5',
        '6',
      ]);
    });

    it('records one correlation per message and process definition, and answers the first one again', async () => {
      const buffered = message('1');
      expect(await store.recordCorrelation(buffered, '100', '11')).toBe('11');
      expect(await store.recordCorrelation(buffered, '100', '12')).toBe('11');
      expect(await store.recordCorrelation(buffered, '100', '11')).toBe('11');
      expect(await store.recordCorrelation(buffered, '200', '21')).toBe('21');
      expect(await store.recordCorrelation(message('2'), '100', '12')).toBe('12');
    });

    it('records concurrent correlations of one message to one definition once', async () => {
      const buffered = message('1');
      const winners = await Promise.all(
        ['11', '12', '13', '14'].map((key) => store.recordCorrelation(buffered, '100', key)),
      );
      expect(new Set(winners).size).toBe(1);
    });

    it('deletes expired messages and their correlation records', async () => {
      await store.publish(message('1', { expiresAt: NOW + 10 }));
      await store.publish(message('2', { expiresAt: NOW + 20, messageId: 'pay-2' }));
      await store.recordCorrelation(message('1', { expiresAt: NOW + 10 }), '100', '11');
      expect(await store.deleteExpired(NOW + 10)).toBe(1);
      expect(await store.findBuffered(PAYMENT, NOW)).toEqual([
        message('2', { expiresAt: NOW + 20, messageId: 'pay-2' }),
      ]);
      expect(await store.recordCorrelation(message('1', { expiresAt: NOW + 10 }), '100', '12')).toBe('12');
      expect(await store.deleteExpired(NOW + 20)).toBe(1);
      expect(await store.findBuffered(PAYMENT, NOW)).toEqual([]);
    });
  });
}
