// The server the integration suite runs on (FerretDB built by infra/up.sh with Baton's patches):
// what the stores detect, and what the grouped-updates patch must keep of MongoDB's update
// semantics — each statement reads what the statements before it in the same command wrote — while
// an update command of many statements now returns.
import type { Collection } from 'mongodb';
import { defaultMaxStatementsPerCommand, detectServerKind } from './server-kind';
import { TestDatabases } from '../../test/support/test-databases';

interface Counter {
  _id: string;
  n: number;
  tag?: string;
}

let databases: TestDatabases;
let counters: Collection<Counter>;
beforeAll(async () => {
  databases = await TestDatabases.connect();
});
beforeEach(() => {
  counters = databases.client.db(databases.newDatabaseName('server-kind')).collection<Counter>('counters');
});
afterAll(() => databases.dropAll());

it('detects FerretDB with the grouped updates, and sends it 100 statements per update command', async () => {
  const server = await detectServerKind(databases.client.db('admin'));
  expect(server).toEqual({ ferretDb: true, groupedUpdates: true });
  expect(defaultMaxStatementsPerCommand(server)).toBe(100);
  expect(defaultMaxStatementsPerCommand({ ferretDb: true, groupedUpdates: false })).toBe(10);
  expect(defaultMaxStatementsPerCommand({ ferretDb: false, groupedUpdates: false })).toBe(Infinity);
});

it('answers an update command of 200 matching replacements, and stores every one', async () => {
  await counters.insertMany(Array.from({ length: 200 }, (_, index) => ({ _id: `c${index}`, n: 0 })));
  const result = await counters.bulkWrite(
    Array.from({ length: 200 }, (_, index) => ({
      replaceOne: { filter: { _id: `c${index}` }, replacement: { n: index + 1 }, upsert: true },
    })),
    { ordered: false },
  );
  expect(result.matchedCount).toBe(200);
  const stored = await counters.find({}).toArray();
  expect(stored.map((counter) => counter.n).sort((a, b) => a - b)).toEqual(
    Array.from({ length: 200 }, (_, index) => index + 1),
  );
});

it('lets a statement read what an earlier statement of its command wrote to the same document', async () => {
  await counters.bulkWrite([
    { updateOne: { filter: { _id: 'a' }, update: { $inc: { n: 1 } }, upsert: true } },
    { updateOne: { filter: { _id: 'a' }, update: { $inc: { n: 10 } }, upsert: true } },
    { replaceOne: { filter: { _id: 'b' }, replacement: { n: 5 }, upsert: true } },
    { updateOne: { filter: { _id: 'b' }, update: { $inc: { n: 100 } } } },
  ]);
  expect(await counters.find({}).sort({ _id: 1 }).toArray()).toEqual([
    { _id: 'a', n: 11 },
    { _id: 'b', n: 105 },
  ]);
});

it('lets a statement filtered on another field see the documents earlier statements wrote', async () => {
  await counters.insertMany([
    { _id: 'x', n: 1 },
    { _id: 'y', n: 1 },
  ]);
  await counters.bulkWrite([
    { replaceOne: { filter: { _id: 'x' }, replacement: { n: 2, tag: 'new' } } },
    { replaceOne: { filter: { _id: 'z' }, replacement: { n: 2, tag: 'new' }, upsert: true } },
    { updateMany: { filter: { tag: 'new' }, update: { $inc: { n: 40 } } } },
  ]);
  expect(await counters.find({}).sort({ _id: 1 }).toArray()).toEqual([
    { _id: 'x', n: 42, tag: 'new' },
    { _id: 'y', n: 1 },
    { _id: 'z', n: 42, tag: 'new' },
  ]);
});

it('refuses an upsert of a key another document holds under a unique index, naming the duplicate', async () => {
  await counters.createIndex({ tag: 1 }, { unique: true });
  await counters.insertOne({ _id: 'held', n: 0, tag: 'taken' });
  await expect(
    counters.bulkWrite([
      { replaceOne: { filter: { _id: 'other' }, replacement: { n: 1, tag: 'taken' }, upsert: true } },
    ]),
  ).rejects.toMatchObject({ code: 11000 });
  expect(await counters.countDocuments({})).toBe(1);
});

// The replace-by-id patch writes a replacement filtered on `{_id: <string>}` without reading the
// stored document; what a client sees must stay MongoDB's (but for nModified of an equal replacement).
it('replaces by _id what is stored, inserts on upsert only, and keeps the stored _id', async () => {
  await counters.insertOne({ _id: 'kept', n: 1, tag: 'old' });
  const result = await counters.bulkWrite([
    { replaceOne: { filter: { _id: 'kept' }, replacement: { n: 2 } } },
    { replaceOne: { filter: { _id: 'missing' }, replacement: { n: 3 } } },
    { replaceOne: { filter: { _id: 'upserted' }, replacement: { n: 4 }, upsert: true } },
    // The replacement may name the stored _id again.
    { replaceOne: { filter: { _id: 'kept' }, replacement: { _id: 'kept', n: 5 } as never } },
  ]);
  expect(result).toMatchObject({ matchedCount: 2, upsertedCount: 1 });
  // FerretDB 1.24 numbers upserts among the upserts, not among the statements (MongoDB would say 2).
  expect(Object.values(result.upsertedIds)).toEqual(['upserted']);
  expect(await counters.find({}).sort({ _id: 1 }).toArray()).toEqual([
    { _id: 'kept', n: 5 },
    { _id: 'upserted', n: 4 },
  ]);
});

it('refuses a replacement that would change _id, and replaces by a numeric _id as before', async () => {
  await counters.insertOne({ _id: 'fixed', n: 1 });
  await expect(
    counters.replaceOne({ _id: 'fixed' }, { _id: 'moved', n: 2 } as unknown as Counter),
  ).rejects.toMatchObject({ code: 66 });
  const numbers = databases.client
    .db(databases.newDatabaseName('server-kind'))
    .collection<{ _id: number; n: number }>('numbers');
  await numbers.insertOne({ _id: 7, n: 1 });
  expect(await numbers.replaceOne({ _id: 7 }, { n: 2 })).toMatchObject({ matchedCount: 1 });
  expect(await numbers.replaceOne({ _id: '7' } as never, { n: 3 })).toMatchObject({ matchedCount: 0 });
  expect(await numbers.find({}).toArray()).toEqual([{ _id: 7, n: 2 }]);
  expect(await counters.find({}).toArray()).toEqual([{ _id: 'fixed', n: 1 }]);
});
