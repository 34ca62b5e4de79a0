// The behaviour every BusinessIdStore adapter shares, run against each adapter.
import type { BusinessIdStore } from '../../src/business-id-store';

const claim = (processInstanceKey: string, businessId = 'order-1', processDefinitionId = 'order') => ({
  processDefinitionId,
  businessId,
  processInstanceKey,
  claimedAt: 1000,
});

export function describeBusinessIdStoreContract(
  name: string,
  createStore: () => Promise<BusinessIdStore>,
): void {
  describe(`${name}: business id store contract`, () => {
    let store: BusinessIdStore;
    beforeEach(async () => {
      store = await createStore();
    });

    it('gives a business id of a process to the first instance that claims it', async () => {
      expect(await store.claim(claim('1'))).toEqual(claim('1'));
      expect(await store.claim(claim('2'))).toEqual(claim('1'));
      expect(await store.claim(claim('3', 'order-2'))).toEqual(claim('3', 'order-2'));
      expect(await store.claim(claim('4', 'order-1', 'invoice'))).toEqual(claim('4', 'order-1', 'invoice'));
    });

    it('lets exactly one of two concurrent claims win', async () => {
      const [first, second] = await Promise.all([store.claim(claim('1')), store.claim(claim('2'))]);
      expect(first).toEqual(second);
      expect(['1', '2']).toContain(first.processInstanceKey);
    });

    it('moves a claim to a new instance only from the holder it names', async () => {
      await store.claim(claim('1'));
      expect(await store.takeOver(claim('1'), claim('2'))).toEqual(claim('2'));
      expect(await store.takeOver(claim('1'), claim('3'))).toEqual(claim('2')); // 2 took it over first
      expect(await store.claim(claim('4'))).toEqual(claim('2'));
    });
  });
}
