// The behaviour every InstanceStore adapter shares for snapshot writes (saveSnapshot, the log-first
// runtime's unconditional writes), run against each adapter.
import type { InstanceFilter } from '../../src/instance-filter';
import type { InstanceDocument, InstanceStore } from '../../src/instance-store';
import { instanceDocument, job } from '../support/fixtures';

const closedJob = { type: 'JOB_CLOSED', jobKey: '9', processInstanceKey: '1' } as const;

/** A document with every field a search or a reader looks at filled in. */
function fullDocument(
  processInstanceKey: string,
  overrides: Partial<InstanceDocument> = {},
): InstanceDocument {
  return instanceDocument(processInstanceKey, {
    revision: 7,
    state: 'COMPLETED',
    endDate: '2026-01-02T00:00:00.000Z',
    businessKey: `order-${processInstanceKey}`,
    parentProcessInstanceKey: '99',
    processDefinitionVersion: 3,
    variables: { [processInstanceKey]: { customer: 'Nice Pizza Inc.', total: 42, 'a.b': { $x: [1] } } },
    elementInstances: {
      [`${processInstanceKey}1`]: {
        key: `${processInstanceKey}1`,
        elementId: 'task',
        elementType: 'serviceTask',
        flowScopeKey: processInstanceKey,
        state: 'ACTIVE',
        startDate: '2026-01-01T00:00:00.000Z',
      },
    },
    jobs: { [`${processInstanceKey}2`]: job(`${processInstanceKey}2`, { processInstanceKey }) },
    incidents: {
      [`${processInstanceKey}3`]: {
        incidentKey: `${processInstanceKey}3`,
        errorType: 'JOB_NO_RETRIES',
        errorMessage: 'failed',
        elementId: 'task',
        elementInstanceKey: `${processInstanceKey}1`,
        state: 'ACTIVE',
        creationTime: '2026-01-01T00:00:00.000Z',
      },
    },
    hasIncident: true,
    appliedCommandIds: ['c-1', 'c-2'],
    outbox: [closedJob],
    logPosition: { partition: 3, offset: 1234 },
    ...overrides,
  });
}

/** Registers the snapshot cases; `createStore` gives an empty store per test. */
export function describeInstanceSnapshotContract(
  name: string,
  createStore: () => Promise<InstanceStore>,
): void {
  describe(`${name}: instance snapshot contract`, () => {
    let store: InstanceStore;
    beforeEach(async () => {
      store = await createStore();
    });

    const keysOf = async (filter: InstanceFilter) =>
      (await store.search({ filter })).items.map((document) => document.processInstanceKey).sort();

    it('inserts new documents as given, revision and log position included', async () => {
      const { logPosition: _none, ...withoutPosition } = fullDocument('2', { revision: 1 });
      const documents = [fullDocument('1'), withoutPosition];
      await store.saveSnapshot(documents.map((document) => ({ document, stored: false })));
      expect(await store.get('1')).toEqual(documents[0]);
      const found = await store.getMany(['1', '2', '3']);
      expect([...found.keys()].sort()).toEqual(['1', '2']);
      expect(found.get('2')).toEqual(withoutPosition);
      expect(found.get('2')).not.toHaveProperty('logPosition');
    });

    it('replaces stored documents whatever their revision: the last write wins, a lower revision too', async () => {
      await store.saveSnapshot([{ document: fullDocument('1', { revision: 5 }), stored: false }]);
      const higher = fullDocument('1', { revision: 9, logPosition: { partition: 3, offset: 2000 } });
      await store.saveSnapshot([{ document: higher, stored: true }]);
      expect(await store.get('1')).toEqual(higher);
      const lower = instanceDocument('1', { revision: 2, logPosition: { partition: 3, offset: 1500 } });
      await store.saveSnapshot([{ document: lower, stored: true }]);
      expect(await store.get('1')).toEqual(lower);
    });

    it('replaces documents written by revision-checked writes, which then go on from the revision given', async () => {
      await store.writeBatch([{ document: instanceDocument('1'), expectedRevision: 0 }]);
      await store.saveSnapshot([{ document: fullDocument('1', { revision: 4 }), stored: true }]);
      expect((await store.get('1'))?.revision).toBe(4);
      const [outcome] = await store.writeBatch([{ document: instanceDocument('1'), expectedRevision: 4 }]);
      expect(outcome).toEqual({ processInstanceKey: '1', ok: true, revision: 5 });
    });

    it('stores a document said to be stored that is not', async () => {
      const document = fullDocument('1');
      await store.saveSnapshot([{ document, stored: true }]);
      expect(await store.get('1')).toEqual(document);
    });

    it('replaces a document said to be new that is stored already', async () => {
      await store.saveSnapshot([{ document: fullDocument('1'), stored: false }]);
      const replacement = instanceDocument('1', { revision: 8, logPosition: { partition: 0, offset: 5 } });
      await store.saveSnapshot([{ document: replacement, stored: false }]);
      expect(await store.get('1')).toEqual(replacement);
    });

    it('writes a mix of new, stored, wrongly new and wrongly stored documents in one call', async () => {
      await store.saveSnapshot(['2', '3'].map((key) => ({ document: instanceDocument(key), stored: false })));
      const documents = ['1', '2', '3', '4', '5'].map((key, index) =>
        instanceDocument(key, { revision: 10 + index, logPosition: { partition: 1, offset: index } }),
      );
      await store.saveSnapshot([
        { document: documents[0]!, stored: false }, // new
        { document: documents[1]!, stored: true }, // stored
        { document: documents[2]!, stored: false }, // stored, said to be new
        { document: documents[3]!, stored: true }, // new, said to be stored
        { document: documents[4]!, stored: false }, // new
      ]);
      const found = await store.getMany(['1', '2', '3', '4', '5']);
      expect(['1', '2', '3', '4', '5'].map((key) => found.get(key))).toEqual(documents);
      expect((await store.search({})).totalItems).toBe(5);
    });

    it('is seen by searches with every field they filter and sort on, and by the outbox listing', async () => {
      await store.saveSnapshot([
        { document: fullDocument('1'), stored: false },
        { document: fullDocument('2', { state: 'ACTIVE', hasIncident: false, incidents: {} }), stored: true },
        { document: instanceDocument('3', { startDate: '2026-02-01T00:00:00.000Z' }), stored: false },
      ]);
      expect(await keysOf({ state: 'COMPLETED' })).toEqual(['1']);
      expect(await keysOf({ hasIncident: true })).toEqual(['1']);
      expect(await keysOf({ businessKey: 'order-2' })).toEqual(['2']);
      expect(await keysOf({ parentProcessInstanceKey: '99' })).toEqual(['1', '2']);
      expect(await keysOf({ processDefinitionVersion: 3 })).toEqual(['1', '2']);
      expect(await keysOf({ endDate: { lte: '2026-12-31T00:00:00Z' } })).toEqual(['1', '2']);
      expect(await keysOf({ variables: [{ name: 'total', op: 'gte', value: 42 }] })).toEqual(['1', '2']);
      expect(await keysOf({ variables: [{ name: 'a.b', op: 'exists', exists: true }] })).toEqual(['1', '2']);
      expect(await keysOf({ incidentKey: '13' })).toEqual(['1']);
      expect(await keysOf({ elementInstanceKey: '21' })).toEqual(['2']);
      expect(await keysOf({ jobKey: '22' })).toEqual(['2']);
      const byStart = await store.search({
        sort: [{ field: 'startDate', order: 'DESC' }],
        page: { limit: 1 },
      });
      expect(byStart).toEqual({
        items: [instanceDocument('3', { startDate: '2026-02-01T00:00:00.000Z' })],
        totalItems: 3,
      });
      const byRevision = await store.search({
        filter: { processInstanceKey: '1' },
        sort: [{ field: 'revision' }],
      });
      expect(byRevision.items).toEqual([fullDocument('1')]);
      expect((await store.listWithPendingOutbox()).map((document) => document.processInstanceKey)).toEqual([
        '1',
        '2',
      ]);
    });

    it('keeps the outbox as given: written empty, the document is no longer pending', async () => {
      await store.saveSnapshot([{ document: fullDocument('1'), stored: false }]);
      await store.saveSnapshot([{ document: fullDocument('1', { outbox: [] }), stored: true }]);
      expect(await store.listWithPendingOutbox()).toEqual([]);
      expect((await store.get('1'))?.outbox).toEqual([]);
    });

    it('does nothing for an empty call', async () => {
      await store.saveSnapshot([]);
      expect((await store.search({})).totalItems).toBe(0);
      await store.saveSnapshot([{ document: fullDocument('1'), stored: false }]);
      await store.saveSnapshot([]);
      expect(await store.get('1')).toEqual(fullDocument('1'));
    });
  });
}
