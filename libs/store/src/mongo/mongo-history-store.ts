// The instance history in MongoDB: one record per entry, `_id` its instance, revision and event
// index (a redelivered event's insert is refused as a duplicate and changes nothing), the entry itself as
// JSON beside the fields a page is found and ordered by (variable values may hold any key, `.`
// and `$` included).
import type { Collection, Filter } from 'mongodb';
import type { HistoryEntry } from '@baton/contracts';
import type { HistoryPage, HistoryPageRequest, HistoryStore } from '../history-store';
import { duplicateKeyIndexes } from './mongo-errors';

export interface HistoryEntryRecord {
  readonly _id: string;
  readonly processInstanceKey: string;
  readonly revision: number;
  readonly eventIndex: number;
  readonly body: string;
}

export class MongoHistoryStore implements HistoryStore {
  constructor(private readonly collection: Collection<HistoryEntryRecord>) {}

  /**
   * Unordered inserts rather than upserts: FerretDB runs an insert command's documents in one
   * transaction but an update command's one by one, each with a read and a commit of its own, and
   * an entry already stored is refused by its `_id` just as well (history keeps the first).
   */
  async append(entries: readonly HistoryEntry[]): Promise<void> {
    if (entries.length === 0) return;
    try {
      // One command (FerretDB's limit of statements per command is for updates; it takes inserts
      // of any count, as the instance snapshot's do).
      await this.collection.insertMany(entries.map(toRecord), { ordered: false });
    } catch (error) {
      duplicateKeyIndexes(error); // rethrows anything but entries already stored
    }
  }

  async list(processInstanceKey: string, page: HistoryPageRequest): Promise<HistoryPage> {
    const { after } = page;
    const filter: Filter<HistoryEntryRecord> =
      after === undefined
        ? { processInstanceKey }
        : {
            processInstanceKey,
            $or: [
              { revision: { $gt: after.revision } },
              { revision: after.revision, eventIndex: { $gt: after.eventIndex } },
            ],
          };
    const [records, totalItems] = await Promise.all([
      this.collection.find(filter).sort({ revision: 1, eventIndex: 1 }).limit(page.limit).toArray(),
      this.collection.countDocuments({ processInstanceKey }),
    ]);
    return { items: records.map((record) => JSON.parse(record.body) as HistoryEntry), totalItems };
  }
}

function toRecord(entry: HistoryEntry): HistoryEntryRecord {
  return {
    _id: `${entry.processInstanceKey}:${entry.revision}:${entry.eventIndex}`,
    processInstanceKey: entry.processInstanceKey,
    revision: entry.revision,
    eventIndex: entry.eventIndex,
    body: JSON.stringify(entry),
  };
}
