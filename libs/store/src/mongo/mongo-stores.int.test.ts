import { instanceDocument } from '../../test/support/fixtures';
import { MongoStoreConnectionError } from './mongo-errors';
import { connectMongoStores, MONGO_COLLECTIONS, MONGO_INDEXES } from './mongo-stores';
import { MONGODB_URI, TestDatabases } from '../../test/support/test-databases';

let databases: TestDatabases;
beforeAll(async () => {
  databases = await TestDatabases.connect();
});
afterAll(() => databases.dropAll());

describe('connectMongoStores', () => {
  it('creates the collections and their indexes (on FerretDB the unique ones only), and can do so again', async () => {
    const dbName = databases.newDatabaseName();
    const stores = await connectMongoStores({ uri: MONGODB_URI, dbName });
    const again = await connectMongoStores({ uri: MONGODB_URI, dbName });
    await Promise.all([stores.close(), again.close()]);

    const db = databases.client.db(dbName);
    const ferretDb = typeof (await db.admin().command({ buildInfo: 1 }))['ferretdbVersion'] === 'string';
    const collections = (await db.listCollections().toArray()).map((collection) => collection.name).sort();
    expect(collections).toEqual(Object.values(MONGO_COLLECTIONS).sort());
    const definitionIndexes = await db.collection(MONGO_COLLECTIONS.definitions).indexes();
    expect(definitionIndexes.find((index) => index.name === 'processDefinitionId_version')).toMatchObject({
      key: { processDefinitionId: 1, processDefinitionVersion: 1 },
      unique: true,
    });
    for (const [store, name] of Object.entries(MONGO_COLLECTIONS) as [
      keyof typeof MONGO_COLLECTIONS,
      string,
    ][]) {
      const present = (await db.collection(name).indexes()).map((index) => index.name).sort();
      const made = MONGO_INDEXES[store].filter((index) => !ferretDb || index.unique === true);
      expect(present).toEqual(['_id_', ...made.map((index) => index.name)].sort());
    }
  });

  it('drops on FerretDB the secondary indexes an earlier version made there, and keeps them on MongoDB', async () => {
    const dbName = databases.newDatabaseName();
    const db = databases.client.db(dbName);
    const ferretDb = typeof (await db.admin().command({ buildInfo: 1 }))['ferretdbVersion'] === 'string';
    await db.createCollection(MONGO_COLLECTIONS.instances);
    await db
      .collection(MONGO_COLLECTIONS.instances)
      .createIndexes([{ key: { startDate: 1 }, name: 'startDate' }]);
    const stores = await connectMongoStores({ uri: MONGODB_URI, dbName });
    await stores.close();
    const names = (await db.collection(MONGO_COLLECTIONS.instances).indexes()).map((index) => index.name);
    expect(names.includes('startDate')).toBe(!ferretDb);
  });

  it('gives four working stores on one client, until closed', async () => {
    const stores = await connectMongoStores({ uri: MONGODB_URI, dbName: databases.newDatabaseName() });
    await stores.instances.writeBatch([{ document: instanceDocument('1'), expectedRevision: 0 }]);
    expect((await stores.instances.get('1'))?.revision).toBe(1);
    expect(await stores.jobs.nextActivatableAt('payment', 0)).toBeUndefined();
    expect(await stores.definitions.list()).toEqual([]);
    expect((await stores.userTasks.search({})).totalItems).toBe(0);
    await stores.close();
    await expect(stores.instances.get('1')).rejects.toThrow();
  });

  it('fails with an error naming the address when no server answers', async () => {
    const uri = 'mongodb://baton:secret@127.0.0.1:1/';
    const started = Date.now();
    const failure = await connectMongoStores({ uri, serverSelectionTimeoutMs: 300 }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(MongoStoreConnectionError);
    expect((failure as Error).message).toContain('Cannot reach MongoDB at mongodb://baton:***@127.0.0.1:1/');
    expect((failure as Error).message).not.toContain('secret');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
