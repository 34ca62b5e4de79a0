// The behaviour every HistoryStore adapter shares, run against each adapter.
import type { HistoryEntry } from '@baton/contracts';
import type { HistoryStore } from '../../src/history-store';

function entry(processInstanceKey: string, revision: number, eventIndex: number): HistoryEntry {
  return {
    processInstanceKey,
    cursor: `${revision}.${eventIndex}`,
    revision,
    eventIndex,
    timestamp: new Date(1_000 * revision + eventIndex).toISOString(),
    command: revision === 1 && eventIndex === 0 ? 'CREATE_INSTANCE' : 'SET_VARIABLES',
    state: 'ACTIVE',
    suspended: false,
    hasIncident: false,
    activeElementIds: ['task'],
    completedElementIds: [],
    tokens: [],
    // Keys a MongoDB document could not hold as field names, in a value.
    variables: [{ scopeKey: processInstanceKey, name: 'order', after: { 'a.b': 1, $c: [revision] } }],
  };
}

const cursors = (entries: readonly HistoryEntry[]) => entries.map((item) => item.cursor);

export function describeHistoryStoreContract(name: string, createStore: () => Promise<HistoryStore>): void {
  describe(`${name}: history store contract`, () => {
    let store: HistoryStore;
    beforeEach(async () => {
      store = await createStore();
    });

    it('answers an instance entries oldest first, by revision then event index, whatever the write order', async () => {
      await store.append([entry('1', 2, 0), entry('1', 1, 0), entry('2', 1, 0)]);
      await store.append([entry('1', 1, 1), entry('1', 10, 0)]);
      const page = await store.list('1', { limit: 10 });
      expect(cursors(page.items)).toEqual(['1.0', '1.1', '2.0', '10.0']);
      expect(page.totalItems).toBe(4);
      expect(page.items[0]).toEqual(entry('1', 1, 0));
    });

    it('pages after a position', async () => {
      await store.append([entry('1', 1, 0), entry('1', 1, 1), entry('1', 2, 0), entry('1', 3, 0)]);
      const first = await store.list('1', { limit: 2 });
      expect(cursors(first.items)).toEqual(['1.0', '1.1']);
      const second = await store.list('1', { limit: 2, after: { revision: 1, eventIndex: 1 } });
      expect(cursors(second.items)).toEqual(['2.0', '3.0']);
      expect(second.totalItems).toBe(4);
      const past = await store.list('1', { limit: 2, after: { revision: 3, eventIndex: 0 } });
      expect(past.items).toEqual([]);
    });

    it('keeps the first write of an entry appended twice (a redelivered event)', async () => {
      await store.append([entry('1', 1, 0)]);
      await store.append([{ ...entry('1', 1, 0), command: 'REWRITTEN' }, entry('1', 2, 0)]);
      const page = await store.list('1', { limit: 10 });
      expect(page.items.map((item) => item.command)).toEqual(['CREATE_INSTANCE', 'SET_VARIABLES']);
      expect(page.totalItems).toBe(2);
    });

    it('answers nothing for an instance it does not know', async () => {
      expect(await store.list('404', { limit: 10 })).toEqual({ items: [], totalItems: 0 });
    });
  });
}
