// The user task store port: a queryable copy of the instances' user tasks, kept up to date from
// USER_TASK_UPDATED effects (the instance document stays the source of truth).
import type { UserTask, UserTaskState } from '@baton/engine-core';
import type { Page, PageRequest, SortRequest } from './query';
import type { WriteFence } from './write-fence';

export interface UserTaskSearch {
  readonly filter?: {
    readonly processInstanceKey?: string;
    readonly state?: UserTaskState;
    readonly assignee?: string;
    readonly elementId?: string;
    readonly userTaskKey?: string;
  };
  readonly page?: PageRequest;
  readonly sort?: readonly SortRequest[];
}

export interface UserTaskStore {
  /**
   * Stores these versions of the tasks, in order (a task named twice keeps its last version): one
   * write for all of them where the database allows. `fence` is asked before each write.
   */
  upsertAll(userTasks: readonly UserTask[], fence?: WriteFence): Promise<void>;
  get(userTaskKey: string): Promise<UserTask | undefined>;
  search(query: UserTaskSearch): Promise<Page<UserTask>>;
}
