// The behaviour every InstanceStore adapter shares (DESIGN §3.3), run against each adapter.
import type { InstanceFilter, VariableCondition } from '../../src/instance-filter';
import type { InstanceStore } from '../../src/instance-store';
import { variableKeyOf } from '../../src/instance-keys';
import { instanceDocument, job } from '../support/fixtures';

const closedJob = { type: 'JOB_CLOSED', jobKey: '9', processInstanceKey: '1' } as const;

/** Registers the instance store cases; `createStore` gives an empty store per test. */
export function describeInstanceStoreContract(name: string, createStore: () => Promise<InstanceStore>): void {
  describe(`${name}: instance store contract`, () => {
    let store: InstanceStore;
    beforeEach(async () => {
      store = await createStore();
    });

    it('writes new documents at revision 1 and then revision-checks each document of a batch', async () => {
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

      await store.writeBatch([
        { document: instanceDocument('1', { state: 'COMPLETED' }), expectedRevision: 1 },
      ]);
      const stored = await store.get('1');
      expect(stored?.state).toBe('COMPLETED');
      expect(stored?.revision).toBe(2);
    });

    it('reports each stale write with the current revision and applies the others of the batch', async () => {
      await store.writeBatch(
        ['1', '2', '3'].map((key) => ({ document: instanceDocument(key), expectedRevision: 0 })),
      );
      await store.writeBatch([{ document: instanceDocument('2'), expectedRevision: 1 }]);

      const outcomes = await store.writeBatch([
        { document: instanceDocument('1', { state: 'TERMINATED' }), expectedRevision: 1 },
        { document: instanceDocument('2', { state: 'TERMINATED' }), expectedRevision: 1 },
        { document: instanceDocument('4', { state: 'TERMINATED' }), expectedRevision: 3 },
        { document: instanceDocument('3', { state: 'TERMINATED' }), expectedRevision: 1 },
      ]);
      expect(outcomes).toEqual([
        { processInstanceKey: '1', ok: true, revision: 2 },
        { processInstanceKey: '2', ok: false, reason: 'REVISION_CONFLICT', currentRevision: 2 },
        { processInstanceKey: '4', ok: false, reason: 'REVISION_CONFLICT', currentRevision: 0 },
        { processInstanceKey: '3', ok: true, revision: 2 },
      ]);
      const stored = await store.getMany(['1', '2', '3', '4']);
      expect(
        [...stored.values()].map((d) => `${d.processInstanceKey}:${d.state}:${d.revision}`).sort(),
      ).toEqual(['1:TERMINATED:2', '2:ACTIVE:2', '3:TERMINATED:2']);
    });

    it('applies two writes of one key in one batch in order', async () => {
      const outcomes = await store.writeBatch([
        { document: instanceDocument('1'), expectedRevision: 0 },
        { document: instanceDocument('1', { state: 'COMPLETED' }), expectedRevision: 1 },
        { document: instanceDocument('1', { state: 'TERMINATED' }), expectedRevision: 1 },
      ]);
      expect(
        outcomes.map((outcome) => (outcome.ok ? outcome.revision : `conflict@${outcome.currentRevision}`)),
      ).toEqual([1, 2, 'conflict@2']);
      expect((await store.get('1'))?.state).toBe('COMPLETED');
    });

    it('returns what was written, with the revision the store set', async () => {
      const document = instanceDocument('1', {
        revision: 42,
        businessKey: 'order-7',
        variables: {
          '1': {
            amount: 12.5,
            items: [{ sku: 'a', quantity: 2 }],
            note: null,
            nested: { deep: { flag: true } },
          },
        },
        appliedCommandIds: ['c-1', 'c-2'],
        outbox: [closedJob],
      });
      await store.writeBatch([{ document, expectedRevision: 0 }]);
      expect(await store.get('1')).toEqual({ ...document, revision: 1 });
      expect(await store.get('2')).toBeUndefined();
    });

    it('returns the existing documents of getMany', async () => {
      await store.writeBatch(
        ['1', '2'].map((key) => ({ document: instanceDocument(key), expectedRevision: 0 })),
      );
      const found = await store.getMany(['1', '2', '3']);
      expect([...found.keys()].sort()).toEqual(['1', '2']);
      expect(found.get('2')?.processInstanceKey).toBe('2');
      expect((await store.getMany([])).size).toBe(0);
      expect(await store.writeBatch([])).toEqual([]);
    });

    it('lists documents with an outbox until it is cleared at the written revision', async () => {
      await store.writeBatch([
        { document: instanceDocument('1', { outbox: [closedJob] }), expectedRevision: 0 },
        { document: instanceDocument('2'), expectedRevision: 0 },
      ]);
      expect((await store.listWithPendingOutbox()).map((d) => d.processInstanceKey)).toEqual(['1']);
      const stale = await store.clearOutboxes([
        { processInstanceKey: '1', revision: 7 },
        { processInstanceKey: '3', revision: 1 },
      ]);
      expect([...stale]).toEqual([]);
      expect(await store.listWithPendingOutbox()).toHaveLength(1);
      expect([...(await store.clearOutboxes([{ processInstanceKey: '1', revision: 1 }]))]).toEqual(['1']);
      expect(await store.listWithPendingOutbox()).toHaveLength(0);
      const cleared = await store.get('1');
      expect(cleared?.outbox).toEqual([]);
      expect(cleared?.revision).toBe(1);
    });

    it('keeps the outbox of the latest write: a write without effects is no longer pending', async () => {
      await store.writeBatch([
        { document: instanceDocument('1', { outbox: [closedJob] }), expectedRevision: 0 },
      ]);
      await store.writeBatch([{ document: instanceDocument('1'), expectedRevision: 1 }]);
      expect(await store.listWithPendingOutbox()).toHaveLength(0);
      await store.writeBatch([
        { document: instanceDocument('1', { outbox: [closedJob, closedJob] }), expectedRevision: 2 },
      ]);
      expect((await store.listWithPendingOutbox()).map((d) => d.outbox.length)).toEqual([2]);
      expect((await store.clearOutboxes([{ processInstanceKey: '1', revision: 2 }])).size).toBe(0);
    });

    it('clears the outboxes of several documents at once, only those still at their revision', async () => {
      await store.writeBatch(
        ['1', '2', '3'].map((key) => ({
          document: instanceDocument(key, { outbox: [closedJob] }),
          expectedRevision: 0,
        })),
      );
      await store.writeBatch([
        { document: instanceDocument('2', { outbox: [closedJob] }), expectedRevision: 1 },
      ]);
      const cleared = await store.clearOutboxes(
        ['1', '2', '3', '4'].map((key) => ({ processInstanceKey: key, revision: 1 })),
      );
      expect([...cleared].sort()).toEqual(['1', '3']);
      expect((await store.listWithPendingOutbox()).map((d) => d.processInstanceKey)).toEqual(['2']);
    });

    it('filters by version, business key, date ranges and root variables', async () => {
      const documents = [
        instanceDocument('1', {
          processDefinitionVersion: 1,
          businessKey: 'order-1',
          startDate: '2026-03-01T10:00:00.000Z',
          variables: {
            '1': { customer: 'Nice Pizza Inc.', total: 42, address: { city: 'Lyon', zip: '69001' } },
          },
        }),
        instanceDocument('2', {
          processDefinitionVersion: 2,
          startDate: '2026-03-02T10:00:00.000Z',
          endDate: '2026-03-02T11:00:00.000Z',
          state: 'COMPLETED',
          variables: { '2': { customer: 'Nice Burgers', total: 7 } },
        }),
        instanceDocument('3', {
          processDefinitionVersion: 2,
          parentProcessInstanceKey: '2',
          startDate: '2026-03-03T10:00:00.000Z',
          variables: { '3': { customer: 'Bad Pizza', total: '42' } },
        }),
      ];
      await store.writeBatch(documents.map((document) => ({ document, expectedRevision: 0 })));
      const keysOf = async (filter: InstanceFilter) =>
        (await store.search({ filter })).items.map((document) => document.processInstanceKey).sort();
      expect(await keysOf({ processDefinitionVersion: 2 })).toEqual(['2', '3']);
      expect(await keysOf({ businessKey: 'order-1' })).toEqual(['1']);
      expect(await keysOf({ parentProcessInstanceKey: '2' })).toEqual(['3']);
      expect(await keysOf({ startDate: { gte: '2026-03-02T10:00:00Z' } })).toEqual(['2', '3']);
      expect(await keysOf({ startDate: { gt: '2026-03-01T10:00:00Z', lt: '2026-03-03T10:00:00Z' } })).toEqual(
        ['2'],
      );
      expect(await keysOf({ endDate: { lte: '2026-12-31T00:00:00Z' } })).toEqual(['2']);
      const byVariable = (...variables: VariableCondition[]) => keysOf({ variables });
      expect(await byVariable({ name: 'customer', op: 'eq', value: 'Nice Pizza Inc.' })).toEqual(['1']);
      expect(await byVariable({ name: 'total', op: 'eq', value: 42 })).toEqual(['1']); // not the string '42'
      expect(await byVariable({ name: 'address', op: 'eq', value: { zip: '69001', city: 'Lyon' } })).toEqual([
        '1',
      ]);
      expect(await byVariable({ name: 'total', op: 'neq', value: 42 })).toEqual(['2', '3']);
      expect(await byVariable({ name: 'total', op: 'gt', value: 7 })).toEqual(['1']); // numbers only
      expect(await byVariable({ name: 'total', op: 'lte', value: 42 })).toEqual(['1', '2']);
      expect(await byVariable({ name: 'customer', op: 'in', values: ['Nice Burgers', 'Bad Pizza'] })).toEqual(
        ['2', '3'],
      );
      expect(await byVariable({ name: 'customer', op: 'like', pattern: '"Nice*"' })).toEqual(['1', '2']);
      expect(await byVariable({ name: 'customer', op: 'like', pattern: '*Pizza*' })).toEqual(['1', '3']);
      expect(await byVariable({ name: 'address', op: 'exists', exists: true })).toEqual(['1']);
      expect(await byVariable({ name: 'address', op: 'exists', exists: false })).toEqual(['2', '3']);
      expect(
        await byVariable(
          { name: 'customer', op: 'like', pattern: '*Pizza*' },
          { name: 'total', op: 'eq', value: '42' },
        ),
      ).toEqual(['3']);
    });

    it('answers a `like` that backtracks badly on a long value within a second', async () => {
      // `*a*a*a*b` on 650 `a`s took a backtracking regular expression 51 s (issue 19); this value
      // is a hundred times longer, and a pattern with more wildcards.
      const long = 'a'.repeat(65_000);
      await store.writeBatch([
        { document: instanceDocument('1', { variables: { '1': { s: long } } }), expectedRevision: 0 },
        { document: instanceDocument('2', { variables: { '2': { s: `${long}b` } } }), expectedRevision: 0 },
      ]);
      const started = performance.now();
      const found = await store.search({
        filter: { variables: [{ name: 's', op: 'like', pattern: '*a*a*a*a*a*a*b*' }] },
      });
      expect(found.items.map((document) => document.processInstanceKey)).toEqual(['2']);
      expect(performance.now() - started).toBeLessThan(1000);
    });

    it('finds the instance holding an active incident, an active element instance or a live job', async () => {
      const element = (key: string) => ({
        key,
        elementId: 'task',
        elementType: 'serviceTask',
        flowScopeKey: '1',
        state: 'ACTIVE' as const,
        startDate: '2026-01-01T00:00:00.000Z',
      });
      const incident = (key: string, state: 'ACTIVE' | 'RESOLVED') => ({
        incidentKey: key,
        errorType: 'JOB_NO_RETRIES' as const,
        errorMessage: 'failed',
        elementId: 'task',
        elementInstanceKey: '11',
        state,
        creationTime: '2026-01-01T00:00:00.000Z',
      });
      await store.writeBatch([
        {
          document: instanceDocument('1', {
            elementInstances: { '11': element('11') },
            incidents: { '21': incident('21', 'ACTIVE'), '22': incident('22', 'RESOLVED') },
            hasIncident: true,
          }),
          expectedRevision: 0,
        },
        {
          document: instanceDocument('2', {
            elementInstances: { '12': element('12') },
            jobs: { '31': job('31', { state: 'FAILED' }), '32': job('32', { state: 'COMPLETED' }) },
          }),
          expectedRevision: 0,
        },
      ]);
      const keysOf = async (filter: { incidentKey?: string; elementInstanceKey?: string; jobKey?: string }) =>
        (await store.search({ filter })).items.map((document) => document.processInstanceKey);
      expect(await keysOf({ incidentKey: '21' })).toEqual(['1']);
      expect(await keysOf({ incidentKey: '22' })).toEqual([]);
      expect(await keysOf({ elementInstanceKey: '12' })).toEqual(['2']);
      expect(await keysOf({ elementInstanceKey: '13' })).toEqual([]);
      expect(await keysOf({ jobKey: '31' })).toEqual(['2']);
      expect(await keysOf({ jobKey: '32' })).toEqual([]);
    });

    it('finds the instance holding a variable key or an ended element instance known by its job (readKey)', async () => {
      await store.writeBatch([
        {
          document: instanceDocument('1', { variables: { '1': { orderId: 'A-1' }, '11': { note: 'x' } } }),
          expectedRevision: 0,
        },
        {
          // The job's element instance '41' has ended: it is no longer in elementInstances.
          document: instanceDocument('2', {
            jobs: { '32': job('32', { state: 'COMPLETED', elementInstanceKey: '41' }) },
          }),
          expectedRevision: 0,
        },
      ]);
      const keysOf = async (readKey: string) =>
        (await store.search({ filter: { readKey } })).items.map((document) => document.processInstanceKey);
      expect(await keysOf(variableKeyOf('11', 'note'))).toEqual(['1']);
      expect(await keysOf(variableKeyOf('1', 'orderId'))).toEqual(['1']);
      expect(await keysOf(variableKeyOf('1', 'note'))).toEqual([]);
      expect(await keysOf('41')).toEqual(['2']);
      expect(await keysOf('42')).toEqual([]);
    });

    it('searches with filters, sorting and paging, counting every match', async () => {
      const documents = [
        instanceDocument('5', { state: 'COMPLETED' }),
        instanceDocument('10'),
        instanceDocument('7', { hasIncident: true }),
        instanceDocument('8', { processDefinitionId: 'other', processDefinitionKey: '200' }),
      ];
      await store.writeBatch(documents.map((document) => ({ document, expectedRevision: 0 })));

      const active = await store.search({
        filter: { state: 'ACTIVE', processDefinitionId: 'order-process' },
      });
      expect(active.items.map((d) => d.processInstanceKey)).toEqual(['7', '10']);
      expect(active.totalItems).toBe(2);

      const paged = await store.search({
        sort: [{ field: 'processInstanceKey', order: 'DESC' }],
        page: { from: 1, limit: 2 },
      });
      expect(paged.items.map((d) => d.processInstanceKey)).toEqual(['8', '7']);
      expect(paged.totalItems).toBe(4);

      expect(
        (await store.search({ filter: { hasIncident: true } })).items.map((d) => d.processInstanceKey),
      ).toEqual(['7']);
      expect((await store.search({ filter: { hasIncident: false } })).totalItems).toBe(3);
      expect((await store.search({ filter: { processDefinitionKey: '200' } })).totalItems).toBe(1);
      expect((await store.search({ filter: { processInstanceKey: '10' } })).totalItems).toBe(1);
      expect((await store.search({ filter: { processInstanceKey: '11' } })).totalItems).toBe(0);
      const none = await store.search({ page: { limit: 0 } });
      expect(none).toEqual({ items: [], totalItems: 4 });
    });

    it('sorts by several fields, missing values last ascending and first descending', async () => {
      const documents = [
        instanceDocument('1', { state: 'COMPLETED', endDate: '2026-01-03T00:00:00.000Z' }),
        instanceDocument('2', { state: 'ACTIVE' }),
        instanceDocument('3', { state: 'COMPLETED', endDate: '2026-01-02T00:00:00.000Z' }),
        instanceDocument('4', {
          state: 'TERMINATED',
          endDate: '2026-01-04T00:00:00.000Z',
          processDefinitionVersion: 10,
        }),
        instanceDocument('5', { state: 'ACTIVE', processDefinitionVersion: 9 }),
      ];
      await store.writeBatch(documents.map((document) => ({ document, expectedRevision: 0 })));
      const keys = async (sort: { field: string; order?: 'ASC' | 'DESC' }[]): Promise<string[]> =>
        (await store.search({ sort })).items.map((d) => d.processInstanceKey);

      expect(await keys([{ field: 'endDate' }])).toEqual(['3', '1', '4', '2', '5']);
      expect(await keys([{ field: 'endDate', order: 'DESC' }])).toEqual(['2', '5', '4', '1', '3']);
      expect(await keys([{ field: 'state' }, { field: 'processInstanceKey', order: 'DESC' }])).toEqual([
        '5',
        '2',
        '3',
        '1',
        '4',
      ]);
      expect(
        await keys([{ field: 'processDefinitionVersion', order: 'DESC' }, { field: 'processInstanceKey' }]),
      ).toEqual(['4', '5', '1', '2', '3']);
    });
  });
}
