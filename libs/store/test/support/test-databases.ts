// Test support for the MongoDB adapters (not exported from the package): every test gets a
// database of its own, dropped when the file is done. (@baton/testing's uniqueName cannot be
// imported here: libs/store sits below libs/testing in DESIGN §2's order.)
import { randomBytes } from 'node:crypto';
import { MongoClient, type MongoClientOptions } from 'mongodb';
import { openMongoStores, type MongoStores, type MongoStoresSetup } from '../../src/mongo/mongo-stores';

export const MONGODB_URI = process.env['MONGODB_URI'] ?? 'mongodb://127.0.0.1:27017/';

/** `prefix-<base36 time>-<random hex>`, like @baton/testing's uniqueName. */
export function uniqueDatabaseName(prefix = 'store'): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

/** One client per test file; stores on fresh databases; `dropAll` in afterAll. */
export class TestDatabases {
  private readonly names: string[] = [];

  private constructor(readonly client: MongoClient) {}

  static async connect(options: MongoClientOptions = {}): Promise<TestDatabases> {
    return new TestDatabases(
      await new MongoClient(MONGODB_URI, { serverSelectionTimeoutMS: 5000, ...options }).connect(),
    );
  }

  /** A database name that `dropAll` will drop. */
  newDatabaseName(prefix = 'store'): string {
    const name = uniqueDatabaseName(prefix);
    this.names.push(name);
    return name;
  }

  async openStores(setup: MongoStoresSetup = {}, dbName = this.newDatabaseName()): Promise<MongoStores> {
    return openMongoStores(this.client.db(dbName), setup);
  }

  async dropAll(): Promise<void> {
    for (const name of this.names.splice(0)) await this.client.db(name).dropDatabase();
    await this.client.close();
  }
}
