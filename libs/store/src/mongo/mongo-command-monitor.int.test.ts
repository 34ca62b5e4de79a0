// The command count on a real server (FerretDB in the integration suite): a known operation counts
// exactly its commands, whether the stores are given an observer or publish on the channel.
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

it('tells the observer of exactly the commands sent: one insert, one find', async () => {
  const dbName = databases.newDatabaseName('commands');
  const seen: string[] = [];
  const stores = await connectMongoStores({
    uri: MONGODB_URI,
    dbName,
    commandObserver: (name) => seen.push(name),
  });
  try {
    // Connecting created the collections and their indexes: counted too, but not the handshake.
    expect(seen).toEqual(expect.arrayContaining(['listCollections', 'listIndexes', 'buildInfo']));
    expect(seen).not.toContain('hello');
    seen.length = 0;
    await insertAndFind(stores, dbName);
    expect(seen).toEqual(['insert', 'find']);
  } finally {
    await stores.close();
  }
  // Closing ends the sessions: the connection's business, not counted.
  expect(seen).toEqual(['insert', 'find']);
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
  expect(published).toEqual([{ commandName: 'insert' }, { commandName: 'find' }]);
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
