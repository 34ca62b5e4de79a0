// The behaviour every BatchOperationStore adapter shares, run against each adapter: an operation
// and its items, outcomes recorded once, counts, state transitions only from the named states, the
// driver lease, and what a starting replica finds to take over.
import type {
  BatchOperationItem,
  BatchOperationRecord,
  BatchOperationStore,
} from '../../src/batch-operation-store';

function operation(key: string, overrides: Partial<BatchOperationRecord> = {}): BatchOperationRecord {
  return {
    batchOperationKey: key,
    batchOperationType: 'CANCEL_PROCESS_INSTANCE',
    state: 'ACTIVE',
    startDate: '2026-12-06T10:00:00.000Z',
    ...overrides,
  };
}

function items(batchOperationKey: string, ...itemKeys: string[]): BatchOperationItem[] {
  return itemKeys.map((itemKey) => ({
    batchOperationKey,
    itemKey,
    processInstanceKey: itemKey,
    state: 'ACTIVE',
  }));
}

const processedDate = '2026-12-06T10:00:01.000Z';

export function describeBatchOperationStoreContract(
  name: string,
  createStore: () => Promise<BatchOperationStore>,
): void {
  describe(`${name}: batch operation store contract`, () => {
    let store: BatchOperationStore;
    beforeEach(async () => {
      store = await createStore();
    });

    it('stores an operation with its items and counts them as they finish; an outcome is recorded once', async () => {
      await store.create(operation('10'), items('10', '1', '2', '3'));
      expect(await store.get('10')).toEqual(operation('10'));
      expect(await store.counts('10')).toEqual({ total: 3, completed: 0, failed: 0 });

      await store.finishItem('10', '1', { state: 'COMPLETED', processedDate });
      await store.finishItem('10', '2', { state: 'FAILED', processedDate, errorMessage: 'gone' });
      // A second outcome for an item that is done (a driver after a takeover) changes nothing.
      await store.finishItem('10', '1', { state: 'FAILED', processedDate, errorMessage: 'late' });

      expect(await store.counts('10')).toEqual({ total: 3, completed: 1, failed: 1 });
      expect((await store.pendingItems('10', 10)).map((item) => item.itemKey)).toEqual(['3']);
      const failed = await store.searchItems({ batchOperationKey: '10', state: 'FAILED' });
      expect(failed).toEqual({
        items: [
          {
            batchOperationKey: '10',
            itemKey: '2',
            processInstanceKey: '2',
            state: 'FAILED',
            processedDate,
            errorMessage: 'gone',
          },
        ],
        totalItems: 1,
      });
      expect(await store.get('404')).toBeUndefined();
      expect(await store.counts('404')).toEqual({ total: 0, completed: 0, failed: 0 });
    });

    it('pages pending items and items by key as numbers; the rest of a canceled operation is CANCELED at once', async () => {
      await store.create(operation('20'), items('20', '9', '10', '100', '11'));
      expect(await store.pendingItems('20', 2)).toHaveLength(2);
      const page = await store.searchItems({ batchOperationKey: '20' }, undefined, { from: 1, limit: 2 });
      expect(page.items.map((item) => item.itemKey)).toEqual(['10', '11']);
      expect(page.totalItems).toBe(4);
      const byState = await store.searchItems({ processInstanceKey: '100' });
      expect(byState.items.map((item) => item.itemKey)).toEqual(['100']);

      await store.finishItem('20', '9', { state: 'COMPLETED', processedDate });
      await store.finishPendingItems('20', { state: 'CANCELED', processedDate });
      expect(await store.pendingItems('20', 10)).toEqual([]);
      const canceled = await store.searchItems({ batchOperationKey: '20', state: 'CANCELED' });
      expect(canceled.totalItems).toBe(3);
      // An item whose command was in flight when the operation was canceled takes its outcome.
      await store.finishItem('20', '10', { state: 'COMPLETED', processedDate });
      expect(await store.counts('20')).toEqual({ total: 4, completed: 2, failed: 0 });
    });

    it('moves an operation between states only from the states named, with an end date', async () => {
      await store.create(operation('30'), items('30', '1'));
      expect(await store.transition('30', ['ACTIVE'], { state: 'SUSPENDED' })).toBe(true);
      expect(await store.transition('30', ['ACTIVE'], { state: 'COMPLETED', endDate: processedDate })).toBe(
        false,
      );
      expect(await store.transition('30', ['SUSPENDED'], { state: 'ACTIVE' })).toBe(true);
      expect(await store.transition('30', ['ACTIVE'], { state: 'COMPLETED', endDate: processedDate })).toBe(
        true,
      );
      expect(await store.get('30')).toMatchObject({ state: 'COMPLETED', endDate: processedDate });
      expect(await store.transition('404', ['ACTIVE'], { state: 'CANCELED' })).toBe(false);
    });

    it('grants the driver lease to one replica until it ends, renews it for its holder', async () => {
      await store.create(operation('40'), items('40', '1'));
      expect(await store.claimDriver('40', 'replica-a', 1_000, 500)).toBe(true);
      expect(await store.claimDriver('40', 'replica-b', 1_200, 500)).toBe(false);
      expect(await store.claimDriver('40', 'replica-a', 1_400, 500)).toBe(true);
      expect(await store.claimDriver('40', 'replica-b', 1_800, 500)).toBe(false);
      // replica-a stopped renewing: its lease ended at 1,900.
      expect(await store.claimDriver('40', 'replica-b', 1_901, 500)).toBe(true);
      expect((await store.get('40'))?.driver).toEqual({ replicaId: 'replica-b', until: 2_401 });
      expect(await store.claimDriver('404', 'replica-a', 1_000, 500)).toBe(false);
    });

    it('lists the operations still to drive, and searches operations by type and state, by key as numbers', async () => {
      await store.create(operation('9'), items('9', '1'));
      await store.create(operation('10', { state: 'COMPLETED', endDate: processedDate }), []);
      await store.create(operation('11', { batchOperationType: 'RESOLVE_INCIDENT', state: 'CREATED' }), []);
      await store.create(operation('12', { state: 'SUSPENDED' }), []);
      expect((await store.unfinished()).map((found) => found.batchOperationKey).sort()).toEqual(['11', '9']);

      const all = await store.search({});
      expect(all.items.map((found) => found.batchOperationKey)).toEqual(['9', '10', '11', '12']);
      const descending = await store.search({}, [{ field: 'batchOperationKey', order: 'DESC' }], {
        limit: 2,
      });
      expect(descending).toEqual({
        items: [
          expect.objectContaining({ batchOperationKey: '12' }),
          expect.objectContaining({ batchOperationKey: '11' }),
        ],
        totalItems: 4,
      });
      const incidents = await store.search({ batchOperationType: 'RESOLVE_INCIDENT' });
      expect(incidents.items.map((found) => found.batchOperationKey)).toEqual(['11']);
      const completed = await store.search({ state: 'COMPLETED' });
      expect(completed.items).toEqual([operation('10', { state: 'COMPLETED', endDate: processedDate })]);
    });

    it('keeps the move instructions of a modification operation', async () => {
      const moves = [{ sourceElementId: 'A', targetElementId: 'B' }];
      await store.create(
        operation('50', { batchOperationType: 'MODIFY_PROCESS_INSTANCE', moveInstructions: moves }),
        items('50', '1'),
      );
      expect((await store.get('50'))?.moveInstructions).toEqual(moves);
    });
  });
}
