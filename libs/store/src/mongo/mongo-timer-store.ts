// The MongoDB timer store: one collection, a timer per document under its timerKey. The scheduler's
// query — the timers of some partitions due by a time, earliest first — uses the partition_dueDate
// index on MongoDB. FerretDB 1.24 hands SQLite only a filter of one `_id` equality and evaluates
// every other filter in Go over the whole collection, so there each query of a scheduler (one per
// replica, at most every few seconds when idle) scans the timers: fine for thousands of waiting
// timers, not for millions. A start timer moves on to its next occurrence with a replace filtered
// on its last due date, which FerretDB applies as a read then a write: two replicas firing the same
// occurrence at the same moment may both write, with the same next due date.
import type { Collection, Filter } from 'mongodb';
import type { Page, PageRequest } from '../query';
import { earliestFirst, type StoredTimer, type TimerSearchFilter, type TimerStore } from '../timer-store';
import { isDuplicateKeyError } from './mongo-errors';

type WithoutKey<T> = T extends unknown ? Omit<T, 'timerKey'> : never;

/** A stored timer: its timerKey as `_id`, the other fields as they are (numbers and strings). */
export type TimerRecord = WithoutKey<StoredTimer> & { readonly _id: string };

function toRecord(timer: StoredTimer): TimerRecord {
  const { timerKey, ...fields } = timer;
  return { _id: timerKey, ...fields };
}

function toTimer(record: TimerRecord): StoredTimer {
  const { _id, ...fields } = record;
  return { timerKey: _id, ...fields };
}

/** The MongoDB implementation of {@link TimerStore}. */
export class MongoTimerStore implements TimerStore {
  constructor(private readonly timers: Collection<TimerRecord>) {}

  async schedule(timer: StoredTimer): Promise<void> {
    const { _id, ...fields } = toRecord(timer);
    const write = () => this.timers.replaceOne({ _id }, fields, { upsert: true });
    try {
      await write();
    } catch (error) {
      // A redispatched effect raced the first write of the same timer: the retry replaces it.
      if (!isDuplicateKeyError(error)) throw error;
      await write();
    }
  }

  async get(timerKey: string): Promise<StoredTimer | undefined> {
    const record = await this.timers.findOne({ _id: timerKey });
    return record ? toTimer(record) : undefined;
  }

  async remove(timerKey: string): Promise<void> {
    await this.timers.deleteOne({ _id: timerKey });
  }

  async reschedule(firedDueDate: number, next: StoredTimer): Promise<boolean> {
    const { _id, ...fields } = toRecord(next);
    const replaced = await this.timers.replaceOne({ _id, dueDate: firedDueDate }, fields);
    return replaced.matchedCount === 1;
  }

  async search(filter: TimerSearchFilter, page: PageRequest = {}): Promise<Page<StoredTimer>> {
    const query: Record<string, unknown> = {};
    if (filter.processInstanceKey !== undefined) {
      query['kind'] = 'instance';
      query['processInstanceKey'] = filter.processInstanceKey;
    }
    if (filter.processDefinitionKey !== undefined)
      query['processDefinitionKey'] = filter.processDefinitionKey;
    if (filter.dueDateFrom !== undefined || filter.dueDateTo !== undefined)
      query['dueDate'] = {
        ...(filter.dueDateFrom !== undefined ? { $gte: filter.dueDateFrom } : {}),
        ...(filter.dueDateTo !== undefined ? { $lte: filter.dueDateTo } : {}),
      };
    const from = Math.max(0, page.from ?? 0);
    const limit = Math.max(0, page.limit ?? 100);
    const filterQuery = query as Filter<TimerRecord>;
    const totalItems = await this.timers.countDocuments(filterQuery);
    const records = await this.timers
      .find(filterQuery)
      .sort({ dueDate: 1, _id: 1 })
      .skip(from)
      .limit(limit)
      .toArray();
    return { items: records.map((record) => toTimer(record as TimerRecord)), totalItems };
  }

  async removeStartTimers(processDefinitionId: string): Promise<void> {
    await this.timers.deleteMany({ kind: 'start', processDefinitionId });
  }

  async due(partitions: readonly number[], until: number, limit: number): Promise<readonly StoredTimer[]> {
    if (partitions.length === 0 || limit <= 0) return [];
    const records = await this.timers
      .find({ partition: { $in: [...partitions] }, dueDate: { $lte: until } } as Filter<TimerRecord>)
      .sort({ dueDate: 1 })
      .limit(limit)
      .toArray();
    return records.map((record) => toTimer(record as TimerRecord)).sort(earliestFirst);
  }
}
