// The embedded user task store.
import type { UserTask } from '@baton/engine-core';
import { sortAndPage, type Page } from './query';
import type { UserTaskSearch, UserTaskStore } from './user-task-store';
import { noFence, type WriteFence } from './write-fence';

/** The in-memory implementation of {@link UserTaskStore}. */
export class InMemoryUserTaskStore implements UserTaskStore {
  private readonly tasks = new Map<string, UserTask>();

  upsertAll(userTasks: readonly UserTask[], fence: WriteFence = noFence): Promise<void> {
    // Stored at once, before the caller's next step (readers of the embedded runtime look right
    // after); a fence that refuses rejects the write, as a server's refusal would.
    try {
      fence();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    for (const userTask of userTasks) this.tasks.set(userTask.userTaskKey, copyOf(userTask));
    return Promise.resolve();
  }

  get(userTaskKey: string): Promise<UserTask | undefined> {
    return Promise.resolve(this.tasks.get(userTaskKey));
  }

  search(query: UserTaskSearch): Promise<Page<UserTask>> {
    const filter = query.filter ?? {};
    const matching = [...this.tasks.values()].filter(
      (task) =>
        (filter.processInstanceKey === undefined || task.processInstanceKey === filter.processInstanceKey) &&
        (filter.state === undefined || task.state === filter.state) &&
        (filter.assignee === undefined || task.assignee === filter.assignee) &&
        (filter.elementId === undefined || task.elementId === filter.elementId) &&
        (filter.userTaskKey === undefined || task.userTaskKey === filter.userTaskKey),
    );
    const sort = query.sort && query.sort.length > 0 ? query.sort : [{ field: 'userTaskKey' }];
    return Promise.resolve(
      sortAndPage(
        matching,
        sort,
        query.page,
        (task, field) => (task as unknown as Record<string, unknown>)[field],
      ),
    );
  }
}

/**
 * A copy that shares nothing with the caller's task, as a database would keep: the task's fields
 * are strings and numbers but for the two candidate lists. Several times cheaper than structuredClone.
 */
function copyOf(task: UserTask): UserTask {
  return Object.assign({}, task, {
    candidateGroups: [...task.candidateGroups],
    candidateUsers: [...task.candidateUsers],
  });
}
