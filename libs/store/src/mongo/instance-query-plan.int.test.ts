// Whether the instance search's common filters can be served by an index: the store's
// own query (instanceFilterQuery + mongoSort, as MongoInstanceStore.search sends it) is checked
// against the indexes openMongoStores creates, and against the server's `explain`.
//
// What each server does with it:
// - MongoDB picks an index for every one of these filters: the winning plan has an IXSCAN and no
//   COLLSCAN (asserted when the tests run on MongoDB).
// - FerretDB 1.24 (SQLite backend, our test server) pushes down only a filter of exactly one `_id`
//   equality (so openMongoStores makes no secondary index there: it would be maintained on every
//   write and never read): that one is a SEARCH
//   USING INDEX (with infra/ferretdb/sqlite-id-index.patch); every other filter — even `_id` with
//   another field, or `_id` with `$in` — is a SCAN of the collection, filtered in FerretDB. It never
//   pushes down a sort, and a limit only with neither filter nor sort. It accepts `hint` and
//   ignores it, even naming an index that does not exist. Asserted below, so that an upgrade that
//   changes this shows up here.
import { Long, type Db, type Document, type Filter, type Sort } from 'mongodb';
import type { InstanceDocument } from '../instance-store';
import type { InstanceFilter } from '../instance-filter';
import { instanceDocument } from '../../test/support/fixtures';
import { instanceFilterQuery } from './instance-filter-query';
import { INSTANCE_SORT_FIELDS, type InstanceRecord } from './instance-record';
import { MONGO_COLLECTIONS, MONGO_INDEXES } from './mongo-stores';
import { mongoSort } from './sort-keys';
import { TestDatabases } from '../../test/support/test-databases';

/** The answer of `explain` on a find: MongoDB's queryPlanner, FerretDB's pushdown flags and SQLite plan. */
interface FindExplanation {
  readonly queryPlanner: Document & { readonly Plan?: readonly string[] };
  readonly serverInfo?: { readonly ferretdbVersion?: string };
  readonly filterPushdown?: boolean;
  readonly sortPushdown?: boolean;
  readonly limitPushdown?: boolean;
}

const instanceCount = 48;
const minute = 60_000;
const startOf = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * minute).toISOString();

/** Instances spread over processes, states and keys, so that each filter below selects a few. */
function instances(): InstanceDocument[] {
  return Array.from({ length: instanceCount }, (_, n) => {
    const key = String(1000 + n);
    return instanceDocument(key, {
      processDefinitionId: ['order', 'shipping', 'billing'][n % 3]!,
      processDefinitionKey: String(100 + (n % 4)),
      state: n % 5 === 0 ? 'COMPLETED' : n % 7 === 0 ? 'TERMINATED' : 'ACTIVE',
      hasIncident: n % 6 === 1,
      startDate: startOf(n),
      businessKey: `bk-${n}`,
      ...(n % 8 === 3 ? { parentProcessInstanceKey: '1000' } : {}),
      elementInstances: { [`e-${n}`]: {} } as unknown as InstanceDocument['elementInstances'],
      incidents:
        n % 6 === 1
          ? ({
              [`i-${n}`]: { incidentKey: `i-${n}`, state: 'ACTIVE' },
            } as unknown as InstanceDocument['incidents'])
          : {},
      jobs: { [`j-${n}`]: { jobKey: `j-${n}`, state: 'ACTIVATABLE' } } as unknown as InstanceDocument['jobs'],
    });
  });
}

/** The common filters of the instance search and of the engine's lookups, with the index meant for each. */
const commonFilters: readonly (readonly [string, InstanceFilter, string])[] = [
  ['one process', { processDefinitionId: 'order' }, 'processDefinitionId_state'],
  [
    'one process in one state',
    { processDefinitionId: 'order', state: 'ACTIVE' },
    'processDefinitionId_state',
  ],
  ['one deployed version', { processDefinitionKey: '101' }, 'processDefinitionKey'],
  ['one state', { state: 'COMPLETED' }, 'state_hasIncident'],
  ['active with an incident', { state: 'ACTIVE', hasIncident: true }, 'state_hasIncident'],
  ['a business key', { businessKey: 'bk-7' }, 'businessKey'],
  ['the children of an instance', { parentProcessInstanceKey: '1000' }, 'parentProcessInstanceKey'],
  ['started in a period', { startDate: { gte: startOf(10), lt: startOf(20) } }, 'startDate'],
  ['the holder of an incident', { incidentKey: 'i-13' }, 'incidentKeys'],
  ['the holder of an element instance', { elementInstanceKey: 'e-9' }, 'elementInstanceKeys'],
  ['the holder of a job', { jobKey: 'j-21' }, 'jobKeys'],
];

/** Conditions an index can serve: a value (equality) or comparisons and `$in`. */
function isIndexableCondition(condition: unknown): boolean {
  if (typeof condition !== 'object' || condition === null) return true;
  return Object.keys(condition).every((operator) =>
    ['$gt', '$gte', '$lt', '$lte', '$in', '$eq'].includes(operator),
  );
}

let databases: TestDatabases;
let db: Db;
beforeAll(async () => {
  databases = await TestDatabases.connect();
  const dbName = databases.newDatabaseName('query-plan');
  const { instances: store } = await databases.openStores({}, dbName);
  await store.writeBatch(instances().map((document) => ({ document, expectedRevision: 0 })));
  db = databases.client.db(dbName);
});
afterAll(async () => {
  await databases.dropAll();
});

const collection = () => db.collection<InstanceRecord>(MONGO_COLLECTIONS.instances);
const defaultSort = (): Sort => mongoSort(undefined, INSTANCE_SORT_FIELDS, 'processInstanceKey');

/** `explain` of the store's find of a first page (skip and limit as int64: FerretDB refuses int32 there). */
async function explainFind(query: Filter<InstanceRecord>, sort: Sort): Promise<FindExplanation> {
  return (await db.command({
    explain: {
      find: MONGO_COLLECTIONS.instances,
      filter: query,
      sort,
      skip: Long.fromNumber(0),
      limit: Long.fromNumber(20),
    },
  })) as unknown as FindExplanation;
}

const isFerretDb = (explanation: FindExplanation) => explanation.serverInfo?.ferretdbVersion !== undefined;

/** Every stage name and index name in MongoDB's winning plan. */
function planStages(plan: unknown): { stages: string[]; indexes: string[] } {
  const stages: string[] = [];
  const indexes: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (typeof record['stage'] === 'string') stages.push(record['stage']);
    if (typeof record['indexName'] === 'string') indexes.push(record['indexName']);
    Object.values(record).forEach(visit);
  };
  visit(plan);
  return { stages, indexes };
}

describe('the instance search query and the indexes', () => {
  it.each(commonFilters)(
    '%s: an index leads with the filtered field and serves the query',
    async (_name, filter, indexName) => {
      const query = instanceFilterQuery(filter);
      const index = MONGO_INDEXES.instances.find((candidate) => candidate.name === indexName);
      expect(index).toBeDefined();
      const [leadingField] = Object.keys(index!.key);
      // The query conditions the index's leading field directly (no $or, $not, $elemMatch or
      // expression around it), in a form an index can serve.
      expect(Object.keys(query)).toContain(leadingField);
      expect(isIndexableCondition((query as Record<string, unknown>)[leadingField!])).toBe(true);

      // Run with the index named as hint: accepted, and the same page as the store's own query.
      const sort = defaultSort();
      const keysOf = (records: InstanceRecord[]) => records.map((record) => record._id);
      const plain = keysOf(await collection().find(query).sort(sort).limit(20).toArray());
      const hinted = keysOf(await collection().find(query).sort(sort).limit(20).hint(indexName).toArray());
      expect(plain.length).toBeGreaterThan(0);
      expect(plain.length).toBeLessThan(instanceCount);
      expect(hinted).toEqual(plain);

      const explanation = await explainFind(query, sort);
      const made = (await collection().listIndexes().toArray()).some(
        (candidate) => candidate['name'] === indexName,
      );
      expect(made).toBe(!isFerretDb(explanation));
      if (isFerretDb(explanation)) {
        // FerretDB 1.24: a scan, filtered and sorted in FerretDB (see the top of this file).
        expect(explanation).toMatchObject({
          filterPushdown: false,
          sortPushdown: false,
          limitPushdown: false,
        });
        expect(explanation.queryPlanner.Plan?.join('\n')).toMatch(/\bSCAN\b/);
      } else {
        const { stages } = planStages(explanation.queryPlanner['winningPlan']);
        expect(stages).toContain('IXSCAN');
        expect(stages).not.toContain('COLLSCAN');
      }
    },
  );

  it('looks an instance up by its key through the _id index, on FerretDB too', async () => {
    const query = instanceFilterQuery({ processInstanceKey: '1005' });
    expect(query).toEqual({ _id: '1005' });
    expect(await collection().find(query).toArray()).toEqual([expect.objectContaining({ _id: '1005' })]);

    const explanation = await explainFind(query, defaultSort());
    if (isFerretDb(explanation)) {
      expect(explanation).toMatchObject({ filterPushdown: true, sortPushdown: false });
      expect(explanation.queryPlanner.Plan?.join('\n')).toMatch(/SEARCH \S+ USING INDEX \S+__id_/);
      // Only the lone equality: with any other condition FerretDB scans again.
      const withState = await explainFind({ _id: '1005', state: 'ACTIVE' }, defaultSort());
      expect(withState.filterPushdown).toBe(false);
      // And it takes any hint, even one naming no index (MongoDB refuses that).
      expect(await collection().find({ _id: '1005' }).hint('no-such-index').toArray()).toHaveLength(1);
    } else {
      const { stages, indexes } = planStages(explanation.queryPlanner['winningPlan']);
      expect(stages).not.toContain('COLLSCAN');
      expect(stages.some((stage) => ['IDHACK', 'EXPRESS_IXSCAN', 'IXSCAN'].includes(stage))).toBe(true);
      if (stages.includes('IXSCAN')) expect(indexes).toContain('_id_');
    }
  });
});
