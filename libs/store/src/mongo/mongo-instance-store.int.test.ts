import type { CommandStartedEvent } from 'mongodb';
import { describeInstanceStoreContract } from '../../test/contract/instance-store-contract';
import { describeInstanceSnapshotContract } from '../../test/contract/instance-snapshot-contract';
import type { InstanceStore, InstanceWriteOutcome } from '../instance-store';
import { instanceDocument } from '../../test/support/fixtures';
import { openMongoStores } from './mongo-stores';
import { TestDatabases } from '../../test/support/test-databases';

let databases: TestDatabases;
let otherClient: TestDatabases;
const commands: CommandStartedEvent[] = [];
beforeAll(async () => {
  databases = await TestDatabases.connect({ monitorCommands: true });
  databases.client.on('commandStarted', (event) => commands.push(event));
  otherClient = await TestDatabases.connect();
});
afterAll(async () => {
  await otherClient.dropAll();
  await databases.dropAll();
});

describeInstanceStoreContract('MongoInstanceStore', async () => (await databases.openStores()).instances);
// The write path without claims (as on MongoDB), sequentially on whichever server runs the tests.
describeInstanceStoreContract(
  'MongoInstanceStore without write claims',
  async () => (await databases.openStores({ atomicConditionalUpdates: true })).instances,
);

// Snapshot writes take no claims: one run covers both write paths.
describeInstanceSnapshotContract('MongoInstanceStore', async () => (await databases.openStores()).instances);

describe('MongoInstanceStore', () => {
  it('stores variables whose names MongoDB refuses as field names', async () => {
    const { instances } = await databases.openStores();
    const variables = { '1': { 'a.b': 1, $x: { '$nested.key': ['x'] }, '': 'empty', 'ü.€': true } };
    const outbox = [{ type: 'JOB_CLOSED', jobKey: '9', processInstanceKey: '1' } as const];
    await instances.writeBatch([
      { document: instanceDocument('1', { variables, outbox }), expectedRevision: 0 },
    ]);
    expect((await instances.get('1'))?.variables).toEqual(variables);
    expect((await instances.listWithPendingOutbox())[0]?.variables['1']).toEqual(variables['1']);
  });

  /** The commands of one kind sent to a collection of the database since `commands` was emptied. */
  const sent = (dbName: string, commandName: string, collection = 'instances'): CommandStartedEvent[] =>
    commands.filter(
      (event) =>
        event.databaseName === dbName &&
        event.commandName === commandName &&
        event.command[commandName] === collection,
    );

  it('sends a batch as one bulk write, and reads back only when some writes lost (MongoDB)', async () => {
    const dbName = databases.newDatabaseName();
    const { instances } = await databases.openStores(
      { atomicConditionalUpdates: true, idQueries: 'in' },
      dbName,
    );
    await instances.writeBatch([{ document: instanceDocument('1'), expectedRevision: 0 }]);

    commands.length = 0;
    const outcomes = await instances.writeBatch([
      { document: instanceDocument('1', { state: 'COMPLETED' }), expectedRevision: 1 },
      ...['2', '3', '4'].map((key) => ({ document: instanceDocument(key), expectedRevision: 0 })),
    ]);
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(sent(dbName, 'update').map((event) => (event.command['updates'] as unknown[]).length)).toEqual([
      4,
    ]);
    expect(sent(dbName, 'find')).toHaveLength(0);

    commands.length = 0;
    const mixed = await instances.writeBatch([
      { document: instanceDocument('1'), expectedRevision: 1 },
      { document: instanceDocument('2'), expectedRevision: 1 },
    ]);
    expect(mixed.map((outcome) => outcome.ok)).toEqual([false, true]);
    expect(sent(dbName, 'update')).toHaveLength(1);
    expect(sent(dbName, 'find')).toHaveLength(1);
  });

  it('with write claims, inserts new documents at once and claims, checks and writes the others (FerretDB)', async () => {
    const dbName = databases.newDatabaseName();
    const { instances } = await databases.openStores(
      { atomicConditionalUpdates: false, idQueries: 'in' },
      dbName,
    );
    await instances.writeBatch([{ document: instanceDocument('1'), expectedRevision: 0 }]);

    commands.length = 0;
    const outcomes = await instances.writeBatch([
      { document: instanceDocument('1'), expectedRevision: 2 },
      { document: instanceDocument('1'), expectedRevision: 1 },
      ...['2', '3'].map((key) => ({ document: instanceDocument(key), expectedRevision: 0 })),
    ]);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([false, true, true, true]);
    expect(sent(dbName, 'insert', 'instanceClaims')).toHaveLength(2); // the key written twice: two groups
    // New documents take no claim: one insert command for both; the update of '1' is one statement.
    expect(sent(dbName, 'insert').map((event) => (event.command['documents'] as unknown[]).length)).toEqual([
      2,
    ]);
    expect(sent(dbName, 'update').map((event) => (event.command['updates'] as unknown[]).length)).toEqual([
      1,
    ]);
    expect(sent(dbName, 'find')).toHaveLength(2);
    expect(await databases.client.db(dbName).collection('instanceClaims').countDocuments()).toBe(0);
  });

  it('on FerretDB, reads and deletes lists of ids with filters of one _id (the only ones it indexes)', async () => {
    const dbName = databases.newDatabaseName();
    const { instances } = await databases.openStores(
      { atomicConditionalUpdates: false, idQueries: 'each' },
      dbName,
    );
    const keys = ['1', '2', '3'];
    await instances.writeBatch(
      keys.map((key) => ({ document: instanceDocument(key, { outbox: [] }), expectedRevision: 0 })),
    );

    commands.length = 0;
    expect([...(await instances.getMany([...keys, '4'])).keys()].sort()).toEqual(keys);
    await instances.writeBatch(keys.map((key) => ({ document: instanceDocument(key), expectedRevision: 1 })));
    await instances.clearOutboxes(keys.map((key) => ({ processInstanceKey: key, revision: 2 })));
    const reads = commands.filter((event) => event.databaseName === dbName && event.commandName === 'find');
    expect(reads.length).toBeGreaterThanOrEqual(4);
    const filters = reads.map((event) => event.command['filter'] as Record<string, unknown>);
    expect(
      filters.filter((filter) => Object.keys(filter).length !== 1 || typeof filter['_id'] !== 'string'),
    ).toEqual([]);
    const deletes = commands.filter(
      (event) => event.databaseName === dbName && event.commandName === 'delete',
    );
    const deleteFilters = deletes.flatMap((event) =>
      (event.command['deletes'] as { q: Record<string, unknown> }[]).map((statement) => statement.q),
    );
    expect(deleteFilters.length).toBeGreaterThan(0);
    expect(deleteFilters.filter((filter) => typeof filter['_id'] !== 'string')).toEqual([]);
    const updates = sent(dbName, 'update').flatMap((event) =>
      (event.command['updates'] as { q: Record<string, unknown> }[]).map((statement) => statement.q),
    );
    expect(updates.filter((filter) => Object.keys(filter).length !== 1)).toEqual([]);
  });

  it('sends a batch larger than one command takes as several commands, settling every write', async () => {
    const dbName = databases.newDatabaseName();
    const { instances } = await databases.openStores(
      { atomicConditionalUpdates: false, maxStatementsPerCommand: 25 },
      dbName,
    );
    const keys = Array.from({ length: 60 }, (_unused, index) => String(2000 + index));
    await instances.writeBatch(keys.map((key) => ({ document: instanceDocument(key), expectedRevision: 0 })));

    commands.length = 0;
    const outcomes = await instances.writeBatch(
      keys.map((key, index) => ({
        document: instanceDocument(key, { state: 'COMPLETED' }),
        expectedRevision: index === 30 ? 7 : 1,
      })),
    );
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(59);
    expect(outcomes[30]).toEqual({
      processInstanceKey: '2030',
      ok: false,
      reason: 'REVISION_CONFLICT',
      currentRevision: 1,
    });
    const updates = sent(dbName, 'update');
    expect(updates.map((event) => (event.command['updates'] as unknown[]).length)).toEqual([25, 25, 9]); // the stale write was found by the read before
    expect((await instances.search({ filter: { state: 'COMPLETED' } })).totalItems).toBe(59);
  });

  it('lets exactly one of two writers on different clients win each revision', async () => {
    const dbName = databases.newDatabaseName();
    const first = (await databases.openStores({}, dbName)).instances;
    const second = (await openMongoStores(otherClient.client.db(dbName))).instances;
    const rounds = 15;
    const keys = Array.from({ length: rounds }, (_unused, index) => String(1000 + index));

    const race = async (expectedRevision: number): Promise<void> => {
      const write = (store: InstanceStore, writer: string): Promise<readonly InstanceWriteOutcome[]> =>
        store.writeBatch(
          keys.map((key) => ({ document: instanceDocument(key, { businessKey: writer }), expectedRevision })),
        );
      const [fromFirst, fromSecond] = await Promise.all([write(first, 'first'), write(second, 'second')]);
      const stored = await first.getMany(keys);
      keys.forEach((key, index) => {
        const outcomes = [fromFirst[index]!, fromSecond[index]!];
        const winners = outcomes.filter((outcome) => outcome.ok);
        expect(winners).toHaveLength(1);
        expect(outcomes.find((outcome) => !outcome.ok)).toMatchObject({ reason: 'REVISION_CONFLICT' });
        expect(stored.get(key)?.revision).toBe(expectedRevision + 1);
        expect(stored.get(key)?.businessKey).toBe(winners[0] === outcomes[0] ? 'first' : 'second');
      });
    };
    await race(0); // both insert
    await race(1); // both replace revision 1
    await race(2);
  });
});
