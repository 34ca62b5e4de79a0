// The MongoDB user task store: the task as JSON plus top-level copies of the searched fields.
import type { UserTask, UserTaskState } from '@baton/engine-core';
import type { Collection, Filter } from 'mongodb';
import type { Page } from '../query';
import type { UserTaskSearch, UserTaskStore } from '../user-task-store';
import { isDuplicateKeyError } from './mongo-errors';
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

/** The MongoDB implementation of {@link UserTaskStore}. */
export class MongoUserTaskStore implements UserTaskStore {
  constructor(private readonly collection: Collection<UserTaskRecord>) {}

  async upsert(userTask: UserTask): Promise<void> {
    const record: Omit<UserTaskRecord, '_id'> = {
      processInstanceKey: userTask.processInstanceKey,
      state: userTask.state,
      ...(userTask.assignee === undefined ? {} : { assignee: userTask.assignee }),
      elementId: userTask.elementId,
      body: JSON.stringify(userTask),
      ...sortProjection(userTask, USER_TASK_SORT_FIELDS),
    };
    const write = (): Promise<unknown> =>
      this.collection.replaceOne({ _id: userTask.userTaskKey }, record, { upsert: true });
    try {
      await write();
    } catch (error) {
      // Two concurrent first upserts of one task: the loser's retry replaces the winner's insert.
      if (!isDuplicateKeyError(error)) throw error;
      await write();
    }
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
