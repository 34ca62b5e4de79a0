import type { UserTask } from '@baton/engine-core';
import { InMemoryUserTaskStore } from './in-memory-user-task-store';

function userTask(userTaskKey: string, overrides: Partial<UserTask> = {}): UserTask {
  return {
    userTaskKey,
    elementId: 'review',
    elementInstanceKey: '3',
    processInstanceKey: '1',
    processDefinitionKey: '100',
    processDefinitionId: 'order-process',
    processDefinitionVersion: 1,
    state: 'CREATED',
    candidateGroups: [],
    candidateUsers: [],
    priority: 50,
    creationDate: '2026-01-01T00:00:00.000Z',
    tenantId: '<default>',
    ...overrides,
  };
}

describe('InMemoryUserTaskStore', () => {
  it('keeps the latest version of each task and searches by its fields', async () => {
    const store = new InMemoryUserTaskStore();
    await store.upsert(userTask('20'));
    await store.upsert(userTask('21', { processInstanceKey: '2', elementId: 'approve', assignee: 'ann' }));
    await store.upsert(userTask('20', { state: 'COMPLETED' }));

    expect((await store.get('20'))?.state).toBe('COMPLETED');
    expect((await store.search({ filter: { state: 'CREATED' } })).items.map((t) => t.userTaskKey)).toEqual(['21']);
    expect((await store.search({ filter: { assignee: 'ann', elementId: 'approve' } })).totalItems).toBe(1);
    expect((await store.search({ filter: { processInstanceKey: '1' } })).items.map((t) => t.userTaskKey)).toEqual(['20']);
    expect((await store.search({ filter: { userTaskKey: '21' } })).totalItems).toBe(1);
    expect((await store.search({ page: { limit: 1 } })).items).toHaveLength(1);
  });
});
