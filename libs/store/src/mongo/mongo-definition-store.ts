// The MongoDB definition store. The whole definition is stored as JSON: the model's records are
// keyed by BPMN element ids and its headers by user-chosen names, which may contain `.`. Stored
// definitions never change, so each one is parsed once and kept (frozen) by key. A deleted version
// stays as a tombstone (`deleted: true`): its (id, version) stays taken, and no lookup finds it.
import type { Collection } from 'mongodb';
import type { DefinitionStore, StoredDefinition } from '../definition-store';
import { isDuplicateKeyError } from './mongo-errors';

export interface DefinitionRecord {
  /** The processDefinitionKey. */
  readonly _id: string;
  readonly processDefinitionId: string;
  readonly processDefinitionVersion: number;
  readonly checksum: string;
  /** The {@link StoredDefinition} as JSON. */
  readonly body: string;
  /** Set when the version was deleted (POST /v2/resources/{key}/deletion). */
  readonly deleted?: true;
}

/** Matches the versions not deleted. */
const live = { deleted: { $ne: true } } as const;

/** The MongoDB implementation of {@link DefinitionStore}. */
export class MongoDefinitionStore implements DefinitionStore {
  private readonly parsed = new Map<string, StoredDefinition>();

  constructor(private readonly collection: Collection<DefinitionRecord>) {}

  async insert(definition: StoredDefinition): Promise<boolean> {
    const { processDefinitionKey, processDefinitionId, processDefinitionVersion, checksum } = definition;
    try {
      await this.collection.insertOne({
        _id: processDefinitionKey,
        processDefinitionId,
        processDefinitionVersion,
        checksum,
        body: JSON.stringify(definition),
      });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async getByKey(processDefinitionKey: string): Promise<StoredDefinition | undefined> {
    const cached = this.parsed.get(processDefinitionKey);
    if (cached) {
      // Parsed before, perhaps deleted since (through another replica): the id alone tells.
      const exists = await this.collection.findOne(
        { _id: processDefinitionKey, ...live },
        { projection: { _id: 1 } },
      );
      return exists === null ? undefined : cached;
    }
    const record = await this.collection.findOne({ _id: processDefinitionKey, ...live });
    return record === null ? undefined : this.fromRecord(record);
  }

  async getLatest(processDefinitionId: string): Promise<StoredDefinition | undefined> {
    const [record] = await this.collection
      .find({ processDefinitionId, ...live })
      .sort({ processDefinitionVersion: -1 })
      .limit(1)
      .toArray();
    return record === undefined ? undefined : this.fromRecord(record);
  }

  async getByVersion(processDefinitionId: string, version: number): Promise<StoredDefinition | undefined> {
    const record = await this.collection.findOne({
      processDefinitionId,
      processDefinitionVersion: version,
      ...live,
    });
    return record === null ? undefined : this.fromRecord(record);
  }

  async findByChecksum(processDefinitionId: string, checksum: string): Promise<StoredDefinition | undefined> {
    const [record] = await this.collection
      .find({ processDefinitionId, checksum, ...live })
      .sort({ processDefinitionVersion: 1 })
      .limit(1)
      .toArray();
    return record === undefined ? undefined : this.fromRecord(record);
  }

  async list(): Promise<readonly StoredDefinition[]> {
    // Keys first, bodies only of the definitions not parsed yet.
    const keys = await this.collection
      .find(live, { projection: { _id: 1 } })
      .sort({ processDefinitionId: 1, processDefinitionVersion: -1 })
      .toArray();
    const missing = keys.map((record) => record._id).filter((key) => !this.parsed.has(key));
    if (missing.length > 0) {
      for (const record of await this.collection.find({ _id: { $in: missing } }).toArray())
        this.fromRecord(record);
    }
    return keys.flatMap((record) => this.parsed.get(record._id) ?? []);
  }

  async delete(processDefinitionKey: string): Promise<StoredDefinition | undefined> {
    const record = await this.collection.findOneAndUpdate(
      { _id: processDefinitionKey, ...live },
      { $set: { deleted: true } },
    );
    return record === null ? undefined : this.fromRecord(record);
  }

  async getDeleted(processDefinitionKey: string): Promise<StoredDefinition | undefined> {
    const record = await this.collection.findOne({ _id: processDefinitionKey, deleted: true });
    return record === null ? undefined : this.fromRecord(record);
  }

  async highestVersion(processDefinitionId: string): Promise<number> {
    const [record] = await this.collection
      .find({ processDefinitionId }, { projection: { processDefinitionVersion: 1 } })
      .sort({ processDefinitionVersion: -1 })
      .limit(1)
      .toArray();
    return record?.processDefinitionVersion ?? 0;
  }

  private fromRecord(record: DefinitionRecord): StoredDefinition {
    let definition = this.parsed.get(record._id);
    if (!definition) {
      definition = deepFreeze(JSON.parse(record.body) as StoredDefinition);
      this.parsed.set(record._id, definition);
    }
    return definition;
  }
}

/** Compiled models are deep-frozen; a parsed copy is frozen the same way. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const entry of Object.values(value as Record<string, unknown>)) deepFreeze(entry);
  }
  return value;
}
