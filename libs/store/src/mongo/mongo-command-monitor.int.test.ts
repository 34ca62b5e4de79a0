// The command count on a real server (FerretDB in the integration suite): a known operation counts
// exactly its commands, on their collection, whether the stores are given an observer or publish on the channel.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mongoCommandChannelName } from './mongo-command-monitor';
import { connectMongoStores, type ConnectedMongoStores } from './mongo-stores';
import { MONGODB_URI, TestDatabases } from '../../test/support/test-databases';

let databases: TestDatabases;
beforeAll(async () => {
  databases = await TestDatabases.connect();
});
afterAll(() => databases.dropAll());

/** One insert and one find on a collection of the stores' own client. */
async function insertAndFind(stores: ConnectedMongoStores, dbName: string): Promise<void> {
  const collection = stores.client.db(dbName).collection<{ _id: string }>('commandCount');
  await collection.insertOne({ _id: 'one' });
  expect(await collection.findOne({ _id: 'one' })).toEqual({ _id: 'one' });
}

/** What {@link insertAndFind} sends, as the observer is told of it. */
const insertAndFindCommands = [
  { name: 'insert', collection: 'commandCount' },
  { name: 'find', collection: 'commandCount' },
];

it('tells the observer of exactly the commands sent: one insert, one find, on their collection', async () => {
  const dbName = databases.newDatabaseName('commands');
  const seen: { name: string; collection: string }[] = [];
  const stores = await connectMongoStores({
    uri: MONGODB_URI,
    dbName,
    commandObserver: (name, collection) => seen.push({ name, collection }),
  });
  const names = () => seen.map((command) => command.name);
  try {
    // Connecting created the collections and their indexes: counted too, but not the handshake.
    expect(names()).toEqual(expect.arrayContaining(['listCollections', 'listIndexes', 'buildInfo']));
    expect(names()).not.toContain('hello');
    // listIndexes names its collection; listCollections is the database's.
    expect(seen).toContainEqual({ name: 'listIndexes', collection: 'instances' });
    expect(seen).toContainEqual({ name: 'listCollections', collection: '' });
    seen.length = 0;
    await insertAndFind(stores, dbName);
    expect(seen).toEqual(insertAndFindCommands);
  } finally {
    await stores.close();
  }
  // Closing ends the sessions: the connection's business, not counted.
  expect(seen).toEqual(insertAndFindCommands);
});

it('publishes each command on the channel when no observer is given', async () => {
  const dbName = databases.newDatabaseName('commands');
  const stores = await connectMongoStores({ uri: MONGODB_URI, dbName });
  const published: unknown[] = [];
  const listener = (message: unknown) => published.push(message);
  subscribe(mongoCommandChannelName, listener);
  try {
    await insertAndFind(stores, dbName);
  } finally {
    unsubscribe(mongoCommandChannelName, listener);
    await stores.close();
  }
  expect(published).toEqual(
    insertAndFindCommands.map(({ name, collection }) => ({ commandName: name, collection })),
  );
});

it('leaves the driver’s command monitoring off with commandObserver: false', async () => {
  const stores = await connectMongoStores({
    uri: MONGODB_URI,
    dbName: databases.newDatabaseName('commands'),
    commandObserver: false,
  });
  try {
    expect(stores.client.options.monitorCommands).toBe(false);
  } finally {
    await stores.close();
  }
});
