// The MongoDB user task store: the task as JSON plus top-level copies of the searched fields.
import type { UserTask, UserTaskState } from '@baton/engine-core';
import type { AnyBulkWriteOperation, Collection, Filter } from 'mongodb';
import type { Page } from '../query';
import type { UserTaskSearch, UserTaskStore } from '../user-task-store';
import { noFence, type WriteFence } from '../write-fence';
import { chunkedBulkWrite } from './chunked-bulk-write';
import { findPage, mongoSort, sortProjection, type SortProjection } from './sort-keys';

export interface UserTaskRecord extends SortProjection {
  /** The userTaskKey. */
  readonly _id: string;
  readonly processInstanceKey: string;
  readonly state: UserTaskState;
  readonly assignee?: string;
  readonly elementId: string;
  /** The task as JSON. */
  readonly body: string;
}

/** Fields a search may sort on; any other sort field is ignored. */
const USER_TASK_SORT_FIELDS = [
  'userTaskKey',
  'elementId',
  'elementInstanceKey',
  'processInstanceKey',
  'processDefinitionKey',
  'processDefinitionId',
  'processDefinitionVersion',
  'name',
  'state',
  'assignee',
  'formKey',
  'dueDate',
  'followUpDate',
  'priority',
  'creationDate',
  'completionDate',
  'tenantId',
] as const;

export interface MongoUserTaskStoreOptions {
  /** Most statements in one write command (see server-kind.ts). @default no limit */
  readonly maxStatementsPerCommand?: number;
}

/** The MongoDB implementation of {@link UserTaskStore}. */
export class MongoUserTaskStore implements UserTaskStore {
  private readonly maxStatementsPerCommand: number;

  constructor(
    private readonly collection: Collection<UserTaskRecord>,
    options: MongoUserTaskStoreOptions = {},
  ) {
    this.maxStatementsPerCommand = options.maxStatementsPerCommand ?? Number.POSITIVE_INFINITY;
  }

  async upsertAll(userTasks: readonly UserTask[], fence: WriteFence = noFence): Promise<void> {
    // The last version of each task only: the statements of one command may run in any order.
    const latest = new Map<string, UserTask>();
    for (const userTask of userTasks) latest.set(userTask.userTaskKey, userTask);
    if (latest.size === 0) return;
    const operations: AnyBulkWriteOperation<UserTaskRecord>[] = [...latest.values()].map((userTask) => ({
      replaceOne: { filter: { _id: userTask.userTaskKey }, replacement: toRecord(userTask), upsert: true },
    }));
    const { refusedDuplicate } = await chunkedBulkWrite(
      this.collection,
      operations,
      this.maxStatementsPerCommand,
      fence,
    );
    // Two concurrent first upserts of one task: the loser's second try replaces the winner's insert.
    if (refusedDuplicate)
      await chunkedBulkWrite(this.collection, operations, this.maxStatementsPerCommand, fence);
  }

  async get(userTaskKey: string): Promise<UserTask | undefined> {
    const record = await this.collection.findOne({ _id: userTaskKey });
    return record === null ? undefined : (JSON.parse(record.body) as UserTask);
  }

  async search(query: UserTaskSearch): Promise<Page<UserTask>> {
    const { processInstanceKey, state, assignee, elementId, userTaskKey } = query.filter ?? {};
    const filter: Filter<UserTaskRecord> = {
      ...(userTaskKey === undefined ? {} : { _id: userTaskKey }),
      ...(processInstanceKey === undefined ? {} : { processInstanceKey }),
      ...(state === undefined ? {} : { state }),
      ...(assignee === undefined ? {} : { assignee }),
      ...(elementId === undefined ? {} : { elementId }),
    };
    const sort = mongoSort(query.sort, USER_TASK_SORT_FIELDS, 'userTaskKey');
    const { records, totalItems } = await findPage(this.collection, filter, sort, query.page);
    return { items: records.map((record) => JSON.parse(record.body) as UserTask), totalItems };
  }
}

function toRecord(userTask: UserTask): Omit<UserTaskRecord, '_id'> {
  return {
    processInstanceKey: userTask.processInstanceKey,
    state: userTask.state,
    ...(userTask.assignee === undefined ? {} : { assignee: userTask.assignee }),
    elementId: userTask.elementId,
    body: JSON.stringify(userTask),
    ...sortProjection(userTask, USER_TASK_SORT_FIELDS),
  };
}
