import { describeHistoryStoreContract } from '../test/contract/history-store-contract';
import { InMemoryHistoryStore } from './in-memory-history-store';

describeHistoryStoreContract('InMemoryHistoryStore', () => Promise.resolve(new InMemoryHistoryStore()));

describe('InMemoryHistoryStore bounds', () => {
  it('forgets the history of the oldest instance beyond maxInstances', async () => {
    const store = new InMemoryHistoryStore({ maxInstances: 2 });
    const entry = (processInstanceKey: string) => ({
      processInstanceKey,
      cursor: '1.0',
      revision: 1,
      eventIndex: 0,
      timestamp: '2026-12-06T00:00:00.000Z',
      state: 'ACTIVE' as const,
      suspended: false,
      hasIncident: false,
      activeElementIds: [],
      completedElementIds: [],
      tokens: [],
      variables: [],
    });
    await store.append([entry('1'), entry('2'), entry('3')]);
    expect((await store.list('1', { limit: 10 })).totalItems).toBe(0);
    expect((await store.list('2', { limit: 10 })).totalItems).toBe(1);
    expect((await store.list('3', { limit: 10 })).totalItems).toBe(1);
  });
});
