// The behaviour every UserTaskStore adapter shares, run against each adapter.
import type { UserTask } from '@baton/engine-core';
import type { UserTaskStore } from '../../src/user-task-store';

export function userTask(userTaskKey: string, overrides: Partial<UserTask> = {}): UserTask {
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

/** Registers the user task store cases; `createStore` gives an empty store per test. */
export function describeUserTaskStoreContract(name: string, createStore: () => Promise<UserTaskStore>): void {
  describe(`${name}: user task store contract`, () => {
    let store: UserTaskStore;
    beforeEach(async () => {
      store = await createStore();
    });

    it('keeps the latest version of each task and searches by its fields', async () => {
      await store.upsertAll([userTask('20')]);
      await store.upsertAll([
        userTask('21', { processInstanceKey: '2', elementId: 'approve', assignee: 'ann' }),
      ]);
      await store.upsertAll([userTask('20', { state: 'COMPLETED' })]);

      expect((await store.get('20'))?.state).toBe('COMPLETED');
      expect(await store.get('22')).toBeUndefined();
      expect((await store.search({ filter: { state: 'CREATED' } })).items.map((t) => t.userTaskKey)).toEqual([
        '21',
      ]);
      expect((await store.search({ filter: { assignee: 'ann', elementId: 'approve' } })).totalItems).toBe(1);
      expect((await store.search({ filter: { assignee: 'bob' } })).totalItems).toBe(0);
      expect(
        (await store.search({ filter: { processInstanceKey: '1' } })).items.map((t) => t.userTaskKey),
      ).toEqual(['20']);
      expect((await store.search({ filter: { userTaskKey: '21' } })).totalItems).toBe(1);
      const page = await store.search({ page: { limit: 1 } });
      expect(page.items).toHaveLength(1);
      expect(page.totalItems).toBe(2);
    });

    it('stores several tasks in one call, each at its last version in it', async () => {
      await store.upsertAll([
        userTask('30'),
        userTask('31', { assignee: 'ann' }),
        userTask('30', { state: 'COMPLETED' }),
      ]);
      expect((await store.get('30'))?.state).toBe('COMPLETED');
      expect((await store.get('31'))?.assignee).toBe('ann');
      expect((await store.search({})).totalItems).toBe(2);
      await store.upsertAll([]);
      expect((await store.search({})).totalItems).toBe(2);
    });

    it('counts every match whichever page is asked for', async () => {
      await store.upsertAll([userTask('1'), userTask('2'), userTask('3')]);
      const page = async (from: number, limit: number) => {
        const found = await store.search({ page: { from, limit } });
        return { keys: found.items.map((task) => task.userTaskKey), totalItems: found.totalItems };
      };
      expect(await page(0, 2)).toEqual({ keys: ['1', '2'], totalItems: 3 });
      expect(await page(1, 5)).toEqual({ keys: ['2', '3'], totalItems: 3 });
      expect(await page(0, 3)).toEqual({ keys: ['1', '2', '3'], totalItems: 3 });
      expect(await page(3, 2)).toEqual({ keys: [], totalItems: 3 });
      expect(await page(10, 2)).toEqual({ keys: [], totalItems: 3 });
      expect(await page(0, 0)).toEqual({ keys: [], totalItems: 3 });
    });

    it('writes nothing once its fence refuses', async () => {
      const refused = new Error('the partition was lost');
      await expect(
        store.upsertAll([userTask('40')], () => {
          throw refused;
        }),
      ).rejects.toBe(refused);
      expect(await store.get('40')).toBeUndefined();
    });

    it('gives back the task as stored', async () => {
      const task = userTask('7', {
        name: 'Review "the" order',
        assignee: 'ann',
        candidateGroups: ['sales', 'ops.eu'],
        candidateUsers: ['bob'],
        formKey: 'camunda-forms:bpmn:review',
        dueDate: '2026-02-01T00:00:00.000Z',
      });
      await store.upsertAll([task]);
      expect(await store.get('7')).toEqual(task);
      expect((await store.search({})).items).toEqual([task]);
    });

    it('sorts numerically by key by default, and by other fields with missing values last', async () => {
      await store.upsertAll([userTask('100', { priority: 10, assignee: 'carl' })]);
      await store.upsertAll([userTask('9', { priority: 90 })]);
      await store.upsertAll([userTask('20', { priority: 50, assignee: 'ann' })]);
      const keys = async (sort?: { field: string; order?: 'ASC' | 'DESC' }[]): Promise<string[]> =>
        (await store.search(sort ? { sort } : {})).items.map((t) => t.userTaskKey);

      expect(await keys()).toEqual(['9', '20', '100']);
      expect(await keys([{ field: 'priority', order: 'DESC' }])).toEqual(['9', '20', '100']);
      expect(await keys([{ field: 'priority' }])).toEqual(['100', '20', '9']);
      expect(await keys([{ field: 'assignee' }])).toEqual(['20', '100', '9']);
      expect(await keys([{ field: 'assignee', order: 'DESC' }])).toEqual(['9', '100', '20']);
      expect(
        (
          await store.search({ sort: [{ field: 'userTaskKey', order: 'DESC' }], page: { from: 1, limit: 5 } })
        ).items.map((t) => t.userTaskKey),
      ).toEqual(['20', '9']);
    });
  });
}
