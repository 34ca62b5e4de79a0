// The MongoDB instance store: one document per instance, revision-checked writes sent as one
// unordered bulk write per batch (DESIGN §3.3–3.4), no transaction across documents. The bulk
// result only has totals, so each write carries a unique token; when the totals show that some
// writes did not apply, reading back the tokens tells which ones lost. Snapshot writes, which
// check nothing, are in instance-snapshot-write.ts.
import { randomUUID } from 'node:crypto';
import type { AnyBulkWriteOperation, Collection } from 'mongodb';
import type {
  InstanceDocument,
  InstanceSearch,
  InstanceStore,
  InstanceWrite,
  InstanceWriteOutcome,
  OutboxTarget,
  SnapshotWrite,
} from '../instance-store';
import type { WriteFence } from '../write-fence';
import type { Page } from '../query';
import {
  fromInstanceRecord,
  INSTANCE_SORT_FIELDS,
  toInstanceRecord,
  type InstanceRecord,
} from './instance-record';
import { chunkedBulkWrite } from './chunked-bulk-write';
import { findByIds, type IdLookupOptions, type IdQueryStyle } from './id-lookups';
import { duplicateKeyIndexes, MongoStoreWriteError } from './mongo-errors';
import { instanceFilterQuery } from './instance-filter-query';
import type { RegexEngine } from './like-regex';
import { writeInstanceSnapshot } from './instance-snapshot-write';
import { findPage, mongoSort } from './sort-keys';
import { revisionClaimId, type WriteClaims } from './write-claims';

/** Options of {@link MongoInstanceStore}. */
export interface MongoInstanceStoreOptions {
  /**
   * Claims taken before each write, for servers whose conditional updates are not atomic
   * (FerretDB). Without them the revision filter of the update alone decides, as on MongoDB.
   * @default undefined
   */
  readonly claims?: WriteClaims;
  /**
   * Most statements per update command; a larger batch is sent as several commands.
   * @default Infinity (one command per batch)
   */
  readonly maxStatementsPerCommand?: number;
  /**
   * How lists of instance keys are read (see id-lookups.ts): `each` on FerretDB.
   * @default 'in'
   */
  readonly idQueries?: IdQueryStyle;
  /**
   * How the server runs `$like`'s regular expressions (like-regex.ts): `automaton` on FerretDB
   * (Go's RE2, which has no lookahead), `backtracking` on MongoDB (PCRE).
   * @default 'backtracking'
   */
  readonly regexEngine?: RegexEngine;
}

interface PlannedWrite {
  readonly processInstanceKey: string;
  readonly expectedRevision: number;
  readonly revision: number;
  readonly writeToken: string;
  readonly record: Omit<InstanceRecord, '_id'>;
}

/** The MongoDB implementation of {@link InstanceStore}. */
export class MongoInstanceStore implements InstanceStore {
  private readonly claims: WriteClaims | undefined;
  private readonly maxStatementsPerCommand: number;
  private readonly idLookups: IdLookupOptions;
  private readonly regexEngine: RegexEngine;

  constructor(
    private readonly collection: Collection<InstanceRecord>,
    options: MongoInstanceStoreOptions = {},
  ) {
    this.claims = options.claims;
    this.maxStatementsPerCommand = options.maxStatementsPerCommand ?? Number.POSITIVE_INFINITY;
    this.regexEngine = options.regexEngine ?? 'backtracking';
    this.idLookups = {
      style: options.idQueries ?? 'in',
      maxStatementsPerCommand: this.maxStatementsPerCommand,
    };
  }

  async get(processInstanceKey: string): Promise<InstanceDocument | undefined> {
    const record = await this.collection.findOne({ _id: processInstanceKey });
    return record === null ? undefined : fromInstanceRecord(record);
  }

  async getMany(processInstanceKeys: readonly string[]): Promise<ReadonlyMap<string, InstanceDocument>> {
    const found = new Map<string, InstanceDocument>();
    if (processInstanceKeys.length === 0) return found;
    for (const record of await findByIds(this.collection, processInstanceKeys, this.idLookups)) {
      found.set(record._id, fromInstanceRecord(record));
    }
    return found;
  }

  async writeBatch(writes: readonly InstanceWrite[]): Promise<readonly InstanceWriteOutcome[]> {
    const outcomes: InstanceWriteOutcome[] = [];
    // A key written twice in one batch: the second write must see the first, as in memory.
    for (const group of groupsOfDistinctKeys(writes)) outcomes.push(...(await this.writeDistinctKeys(group)));
    return outcomes;
  }

  async clearOutboxes(targets: readonly OutboxTarget[]): Promise<ReadonlySet<string>> {
    if (targets.length === 0) return new Set();
    if (!this.claims) {
      const results = await Promise.all(
        targets.map(({ processInstanceKey, revision }) =>
          this.collection.updateOne(
            { _id: processInstanceKey, revision },
            { $set: { outbox: '[]' }, $unset: { hasOutbox: '' } },
          ),
        ),
      );
      return new Set(targets.filter((_target, index) => results[index]!.matchedCount === 1).map(keyOf));
    }
    // The claim of the next revision keeps writers off while this read-modify-write runs; if a
    // writer holds it, the instance is moving on and this outbox is about to be replaced. Under
    // the claims, one read checks the revisions and the updates go by _id alone (see bulkApply).
    const claimIds = targets.map((target) => revisionClaimId(target.processInstanceKey, target.revision + 1));
    const claimed = await this.claims.claim(claimIds);
    try {
      const held = targets.filter((_target, index) => claimed.has(claimIds[index]!));
      const stored = await this.readRevisions(held.map(keyOf));
      const current = held.filter(
        (target) => stored.get(target.processInstanceKey)?.revision === target.revision,
      );
      await chunkedBulkWrite(
        this.collection,
        current.map(({ processInstanceKey }) => ({
          updateOne: {
            filter: { _id: processInstanceKey },
            update: { $set: { outbox: '[]' }, $unset: { hasOutbox: '' } },
          },
        })),
        this.maxStatementsPerCommand,
      );
      return new Set(current.map(keyOf));
    } finally {
      await this.claims.release([...claimed]);
    }
  }

  async saveSnapshot(writes: readonly SnapshotWrite[], fence?: WriteFence): Promise<void> {
    // No claims even on FerretDB: they stand in for atomic conditional updates, and these writes
    // have no condition.
    await writeInstanceSnapshot(this.collection, writes, this.maxStatementsPerCommand, fence);
  }

  async search(query: InstanceSearch): Promise<Page<InstanceDocument>> {
    const filter = instanceFilterQuery(query.filter ?? {}, this.regexEngine);
    const sort = mongoSort(query.sort, INSTANCE_SORT_FIELDS, 'processInstanceKey');
    const { records, totalItems } = await findPage(this.collection, filter, sort, query.page);
    return { items: records.map(fromInstanceRecord), totalItems };
  }

  async listWithPendingOutbox(): Promise<readonly InstanceDocument[]> {
    const records = await this.collection
      .find({ hasOutbox: true })
      .sort({ 'sortKeys.processInstanceKey': 1 })
      .toArray();
    return records.map(fromInstanceRecord);
  }

  private async writeDistinctKeys(writes: readonly InstanceWrite[]): Promise<InstanceWriteOutcome[]> {
    const batchToken = randomUUID();
    const planned = writes.map(({ document, expectedRevision }, index): PlannedWrite => {
      const writeToken = `${batchToken}:${index}`;
      const revision = expectedRevision + 1;
      return {
        processInstanceKey: document.processInstanceKey,
        expectedRevision,
        revision,
        writeToken,
        record: toInstanceRecord(document, revision, writeToken),
      };
    });
    const outcomes = new Map<PlannedWrite, InstanceWriteOutcome>();
    if (!this.claims) {
      await this.applyUntilSettled(planned, outcomes);
      return planned.map((write) => outcomes.get(write)!);
    }
    // A new document needs no claim: the unique _id lets one insert of a key succeed.
    await this.insertNew(
      planned.filter((write) => write.expectedRevision === 0),
      outcomes,
    );
    const updates = planned.filter((write) => write.expectedRevision !== 0);
    const claimIds = updates.map((write) => revisionClaimId(write.processInstanceKey, write.revision));
    const claimed = await this.claims.claim(claimIds);
    try {
      // The revisions are checked by one read up front: no other writer can move a claimed
      // instance off the revision read until the claim is released.
      const stored = await this.readRevisions(updates.map((write) => write.processInstanceKey));
      for (const [index, write] of updates.entries()) {
        const current = stored.get(write.processInstanceKey)?.revision ?? 0;
        if (!claimed.has(claimIds[index]!) || current !== write.expectedRevision) {
          outcomes.set(write, conflict(write, current));
        }
      }
      await this.applyUntilSettled(
        updates.filter((write) => !outcomes.has(write)),
        outcomes,
      );
    } finally {
      await this.claims.release([...claimed]);
    }
    return planned.map((write) => outcomes.get(write)!);
  }

  /**
   * Inserts new documents with one insert command (one SQLite transaction on FerretDB, far cheaper
   * than an upsert statement each). A key another writer inserted first is a conflict; FerretDB
   * stops at the first refused document, so the tokens read back tell what ran and the rest goes
   * round again.
   */
  private async insertNew(
    writes: readonly PlannedWrite[],
    outcomes: Map<PlannedWrite, InstanceWriteOutcome>,
  ): Promise<void> {
    let pending = writes;
    for (let round = 0; pending.length > 0; round++) {
      if (round > writes.length)
        throw new MongoStoreWriteError(`Instance inserts did not settle after ${round} rounds`);
      try {
        await this.collection.insertMany(
          pending.map((write) => ({ _id: write.processInstanceKey, ...write.record })),
          { ordered: false },
        );
        for (const write of pending) outcomes.set(write, applied(write));
        return;
      } catch (error) {
        duplicateKeyIndexes(error); // rethrows anything but unique-index refusals
      }
      const stored = await this.readRevisions(pending.map((write) => write.processInstanceKey));
      const notRun: PlannedWrite[] = [];
      for (const write of pending) {
        const current = stored.get(write.processInstanceKey);
        if (current === undefined) notRun.push(write);
        else if (current.writeToken === write.writeToken) outcomes.set(write, applied(write));
        else outcomes.set(write, conflict(write, current.revision));
      }
      pending = notRun;
    }
  }

  /**
   * Runs the writes and settles each one. MongoDB runs every statement of an unordered bulk write;
   * FerretDB stops at the first failure (and misreports its index), so writes still at their
   * expected revision without our token were not run and go round again.
   */
  private async applyUntilSettled(
    writes: readonly PlannedWrite[],
    outcomes: Map<PlannedWrite, InstanceWriteOutcome>,
  ): Promise<void> {
    let pending = writes;
    for (let round = 0; pending.length > 0; round++) {
      if (round > writes.length)
        throw new MongoStoreWriteError(`Instance bulk write did not settle after ${round} rounds`);
      if (await this.bulkApply(pending)) {
        for (const write of pending) outcomes.set(write, applied(write));
        return;
      }
      const stored = await this.readRevisions(pending.map((write) => write.processInstanceKey));
      const notRun: PlannedWrite[] = [];
      for (const write of pending) {
        const current = stored.get(write.processInstanceKey);
        if (current?.writeToken === write.writeToken) outcomes.set(write, applied(write));
        else if ((current?.revision ?? 0) === write.expectedRevision) notRun.push(write);
        else outcomes.set(write, conflict(write, current?.revision ?? 0));
      }
      pending = notRun;
    }
  }

  /** One unordered bulk write (in chunks where the server needs it); true when its totals prove that every write applied. */
  private async bulkApply(writes: readonly PlannedWrite[]): Promise<boolean> {
    const operations = writes.map(
      ({ processInstanceKey, expectedRevision, record }): AnyBulkWriteOperation<InstanceRecord> =>
        expectedRevision === 0
          ? // An upsert that only inserts: an existing document is matched and left alone, so a
            // conflict is not an error (FerretDB would stop the whole command at an error).
            {
              updateOne: {
                filter: { _id: processInstanceKey },
                update: { $setOnInsert: record },
                upsert: true,
              },
            }
          : {
              replaceOne: {
                // Under claims the revision was checked by the read before; a filter of _id
                // alone is also the only one FerretDB leaves to SQLite instead of parsing every
                // document of the collection in Go.
                filter: this.claims
                  ? { _id: processInstanceKey }
                  : { _id: processInstanceKey, revision: expectedRevision },
                replacement: record,
              },
            },
    );
    const inserts = writes.filter((write) => write.expectedRevision === 0).length;
    const result = await chunkedBulkWrite(this.collection, operations, this.maxStatementsPerCommand);
    // Two concurrent inserts of one key can be refused by the unique _id: settled by reading back.
    return (
      !result.refusedDuplicate &&
      result.upsertedCount === inserts &&
      result.matchedCount === writes.length - inserts
    );
  }

  private async readRevisions(
    keys: readonly string[],
  ): Promise<Map<string, Pick<InstanceRecord, 'revision' | 'writeToken'>>> {
    const records = await findByIds(this.collection, keys, this.idLookups, {
      projection: { revision: 1, writeToken: 1 },
    });
    return new Map(records.map((record) => [record._id, record]));
  }
}

function keyOf(target: { readonly processInstanceKey: string }): string {
  return target.processInstanceKey;
}

function applied(write: PlannedWrite): InstanceWriteOutcome {
  return { processInstanceKey: write.processInstanceKey, ok: true, revision: write.revision };
}

function conflict(write: PlannedWrite, currentRevision: number): InstanceWriteOutcome {
  return {
    processInstanceKey: write.processInstanceKey,
    ok: false,
    reason: 'REVISION_CONFLICT',
    currentRevision,
  };
}

/** Consecutive groups in which no key repeats, in input order. */
function groupsOfDistinctKeys(writes: readonly InstanceWrite[]): InstanceWrite[][] {
  const groups: InstanceWrite[][] = [];
  let current: InstanceWrite[] = [];
  let keys = new Set<string>();
  for (const write of writes) {
    const key = write.document.processInstanceKey;
    if (keys.has(key)) {
      groups.push(current);
      current = [];
      keys = new Set();
    }
    current.push(write);
    keys.add(key);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
