import { InMemoryInstanceStore } from './in-memory-instance-store';
import { instanceDocument } from './test-fixtures';

const closedJob = { type: 'JOB_CLOSED', jobKey: '9', processInstanceKey: '1' } as const;

describe('InMemoryInstanceStore', () => {
  it('writes new documents at revision 1 and then revision-checks each document of a batch', async () => {
    const store = new InMemoryInstanceStore();
    const [created] = await store.writeBatch([{ document: instanceDocument('1'), expectedRevision: 0 }]);
    expect(created).toEqual({ processInstanceKey: '1', ok: true, revision: 1 });

    const outcomes = await store.writeBatch([
      { document: instanceDocument('1', { state: 'COMPLETED' }), expectedRevision: 0 },
      { document: instanceDocument('2'), expectedRevision: 0 },
    ]);
    expect(outcomes).toEqual([
      { processInstanceKey: '1', ok: false, reason: 'REVISION_CONFLICT', currentRevision: 1 },
      { processInstanceKey: '2', ok: true, revision: 1 },
    ]);
    expect((await store.get('1'))?.state).toBe('ACTIVE');

    await store.writeBatch([{ document: instanceDocument('1', { state: 'COMPLETED' }), expectedRevision: 1 }]);
    const stored = await store.get('1');
    expect(stored?.state).toBe('COMPLETED');
    expect(stored?.revision).toBe(2);
  });

  it('returns the existing documents of getMany', async () => {
    const store = new InMemoryInstanceStore();
    await store.writeBatch(['1', '2'].map((key) => ({ document: instanceDocument(key), expectedRevision: 0 })));
    const found = await store.getMany(['1', '2', '3']);
    expect([...found.keys()].sort()).toEqual(['1', '2']);
  });

  it('lists documents with an outbox until it is cleared at the written revision', async () => {
    const store = new InMemoryInstanceStore();
    await store.writeBatch([
      { document: instanceDocument('1', { outbox: [closedJob] }), expectedRevision: 0 },
      { document: instanceDocument('2'), expectedRevision: 0 },
    ]);
    expect((await store.listWithPendingOutbox()).map((d) => d.processInstanceKey)).toEqual(['1']);
    expect(await store.clearOutbox('1', 7)).toBe(false);
    expect(await store.listWithPendingOutbox()).toHaveLength(1);
    expect(await store.clearOutbox('1', 1)).toBe(true);
    expect(await store.listWithPendingOutbox()).toHaveLength(0);
    expect((await store.get('1'))?.outbox).toEqual([]);
  });

  it('searches with filters, sorting and paging, counting every match', async () => {
    const store = new InMemoryInstanceStore();
    const documents = [
      instanceDocument('5', { state: 'COMPLETED' }),
      instanceDocument('10'),
      instanceDocument('7', { hasIncident: true }),
      instanceDocument('8', { processDefinitionId: 'other', processDefinitionKey: '200' }),
    ];
    await store.writeBatch(documents.map((document) => ({ document, expectedRevision: 0 })));

    const active = await store.search({ filter: { state: 'ACTIVE', processDefinitionId: 'order-process' } });
    expect(active.items.map((d) => d.processInstanceKey)).toEqual(['7', '10']);
    expect(active.totalItems).toBe(2);

    const paged = await store.search({ sort: [{ field: 'processInstanceKey', order: 'DESC' }], page: { from: 1, limit: 2 } });
    expect(paged.items.map((d) => d.processInstanceKey)).toEqual(['8', '7']);
    expect(paged.totalItems).toBe(4);

    expect((await store.search({ filter: { hasIncident: true } })).items.map((d) => d.processInstanceKey)).toEqual(['7']);
    expect((await store.search({ filter: { processDefinitionKey: '200' } })).totalItems).toBe(1);
    expect((await store.search({ filter: { processInstanceKey: '10' } })).totalItems).toBe(1);
  });

  it('keeps its own copy of what was written when asked to', async () => {
    const store = new InMemoryInstanceStore({ copyOnWrite: true });
    const variables: Record<string, Record<string, unknown>> = { '1': { a: 1 } };
    await store.writeBatch([{ document: instanceDocument('1', { variables }), expectedRevision: 0 }]);
    variables['1']!['a'] = 2;
    expect((await store.get('1'))?.variables['1']).toEqual({ a: 1 });
  });
});
