// What a snapshot write costs on the real server (FerretDB 1.24 in the integration suite), counted
// by the stores' command monitor: one insert command for the new documents and replace-or-insert
// statements by `_id` for the stored ones, ten per command — no reads, no claims, whatever the count.
import type { CommandStartedEvent } from 'mongodb';
import type { InstanceDocument, InstanceStore, SnapshotWrite } from '../instance-store';
import { instanceDocument } from '../../test/support/fixtures';
import { TestDatabases } from '../../test/support/test-databases';
import { observeMongoCommands } from './mongo-command-monitor';

/** FerretDB's detected value, set here so that the counts are the same on MongoDB. */
const MAX_STATEMENTS_PER_COMMAND = 10;

let databases: TestDatabases;
/** Every store command since the last reset, as the monitor tells it, and the driver's events. */
const counted: string[] = [];
const events: CommandStartedEvent[] = [];
beforeAll(async () => {
  databases = await TestDatabases.connect({ monitorCommands: true });
  observeMongoCommands(databases.client, (name, collection) => counted.push(`${name} ${collection}`));
  databases.client.on('commandStarted', (event) => events.push(event));
});
afterAll(() => databases.dropAll());

async function openInstances(): Promise<InstanceStore> {
  const stores = await databases.openStores({ maxStatementsPerCommand: MAX_STATEMENTS_PER_COMMAND });
  counted.length = 0;
  events.length = 0;
  return stores.instances;
}

const keys = (first: number, count: number) =>
  Array.from({ length: count }, (_unused, index) => String(first + index));

function snapshotOf(key: string, offset: number): InstanceDocument {
  return instanceDocument(key, {
    revision: offset,
    variables: { [key]: { offset, text: 'x'.repeat(200) } },
    logPosition: { partition: 0, offset },
  });
}

const writes = (documentKeys: readonly string[], offset: number, stored: boolean): SnapshotWrite[] =>
  documentKeys.map((key) => ({ document: snapshotOf(key, offset), stored }));

/** The statements of each command of a kind, in the order sent. */
const statementsPer = (commandName: 'insert' | 'update', field: 'documents' | 'updates') =>
  events
    .filter((event) => event.commandName === commandName)
    .map((event) => (event.command[field] as unknown[]).length);

async function expectStored(instances: InstanceStore, documentKeys: readonly string[], offset: number) {
  const found = await instances.getMany(documentKeys);
  expect(documentKeys.filter((key) => found.get(key)?.logPosition?.offset !== offset)).toEqual([]);
  expect(found.get(documentKeys[0]!)).toEqual(snapshotOf(documentKeys[0]!, offset));
}

it('writes 100 new and 100 stored documents with 1 insert and 10 update commands', async () => {
  const instances = await openInstances();
  const stored = keys(1000, 100);
  await instances.saveSnapshot(writes(stored, 1, false));
  expect(counted).toEqual(['insert instances']);

  counted.length = 0;
  events.length = 0;
  const fresh = keys(2000, 100);
  await instances.saveSnapshot([...writes(fresh, 2, false), ...writes(stored, 2, true)]);
  expect(counted.filter((command) => command === 'insert instances')).toHaveLength(1);
  expect(counted.filter((command) => command === 'update instances')).toHaveLength(10);
  expect(counted).toHaveLength(11); // no read, no claim
  expect(statementsPer('insert', 'documents')).toEqual([100]);
  expect(statementsPer('update', 'updates')).toEqual(Array(10).fill(10));
  // Every replacement is found by `_id` alone, the one filter FerretDB serves from its index.
  const filters = events.flatMap((event) =>
    event.commandName === 'update' ? (event.command['updates'] as { q: object }[]).map(({ q }) => q) : [],
  );
  expect(filters.filter((filter) => Object.keys(filter).join() !== '_id')).toEqual([]);

  counted.length = 0;
  await expectStored(instances, [...fresh, ...stored], 2);
  expect((await instances.search({ page: { limit: 0 } })).totalItems).toBe(200);
});

it('replaces what an insert found stored, and inserts what a replacement found missing, without a read', async () => {
  const instances = await openInstances();
  const alreadyStored = keys(1000, 30);
  await instances.saveSnapshot(writes(alreadyStored, 1, false));

  counted.length = 0;
  events.length = 0;
  const saidNew = [...alreadyStored, ...keys(2000, 70)];
  const saidStoredButMissing = keys(3000, 20);
  await instances.saveSnapshot([...writes(saidNew, 2, false), ...writes(saidStoredButMissing, 2, true)]);
  // The insert runs every document and names the 30 refused: they follow as replacements (3
  // commands), beside the 20 upserts of the documents said to be stored (2 commands).
  expect(counted).toEqual(['insert instances', ...Array(5).fill('update instances')]);
  expect(statementsPer('update', 'updates')).toEqual(Array(5).fill(10));
  await expectStored(instances, [...saidNew, ...saidStoredButMissing], 2);
});
