// The user task store port: a queryable copy of the instances' user tasks, kept up to date from
// USER_TASK_UPDATED effects (the instance document stays the source of truth).
import type { UserTask, UserTaskState } from '@baton/engine-core';
import type { Page, PageRequest, SortRequest } from './query';

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
  upsert(userTask: UserTask): Promise<void>;
  get(userTaskKey: string): Promise<UserTask | undefined>;
  search(query: UserTaskSearch): Promise<Page<UserTask>>;
}
