// User tasks (assignment, candidates, completion with variables), pass-through tasks and
// FEEL script tasks with their incidents.
import { InstanceDriver } from '../support/driver';
import { loadProcess } from '../support/fixtures';
import { buildModel } from '../support/model-builder';

describe('user task (user-task.bpmn)', () => {
  it('creates the task with assignee, candidate groups, form key, priority and due date', async () => {
    const driver = new InstanceDriver(await loadProcess('user-task'));
    driver.create({ orderId: 'o-7' });
    const task = driver.userTask('review');
    expect(task).toMatchObject({
      name: 'Review order',
      assignee: 'demo',
      candidateGroups: ['reviewers', 'managers'],
      candidateUsers: [],
      formKey: 'review-form',
      priority: 60,
      state: 'CREATED',
      processDefinitionId: 'user-task-process',
    });
    expect(typeof task.dueDate).toBe('string');
    expect(driver.effects('USER_TASK_UPDATED')).toEqual([{ type: 'USER_TASK_UPDATED', userTask: task }]);
    expect(driver.activeElementIds()).toEqual(['review']);
  });

  it('refuses to override an assignee when allowOverride is false, and unassigns with null', async () => {
    const driver = new InstanceDriver(await loadProcess('user-task'));
    driver.create();
    const { userTaskKey } = driver.userTask('review');
    const refused = driver.send({
      type: 'ASSIGN_USER_TASK',
      userTaskKey,
      assignee: 'other',
      allowOverride: false,
    });
    expect(refused.rejection?.code).toBe('INVALID_STATE');
    expect(driver.userTask('review').assignee).toBe('demo');

    driver.send({ type: 'ASSIGN_USER_TASK', userTaskKey, assignee: 'other' });
    expect(driver.userTask('review').assignee).toBe('other');
    expect(driver.effects('USER_TASK_UPDATED')[0]?.userTask.assignee).toBe('other');
    driver.send({ type: 'ASSIGN_USER_TASK', userTaskKey, assignee: null });
    expect(driver.userTask('review').assignee).toBeUndefined();
  });

  it('completes with variables into the process and moves on; a second completion is refused', async () => {
    const driver = new InstanceDriver(await loadProcess('user-task'));
    driver.create();
    const { userTaskKey } = driver.userTask('review');
    const unknown = driver.send({ type: 'ASSIGN_USER_TASK', userTaskKey: '77', assignee: 'x' });
    expect(unknown.rejection?.code).toBe('NOT_FOUND');
    driver.send({ type: 'COMPLETE_USER_TASK', userTaskKey, variables: { approved: true } });
    expect(driver.current.userTasks[userTaskKey]).toMatchObject({
      state: 'COMPLETED',
      completionDate: expect.any(String),
    });
    expect(driver.rootVariables()).toEqual({ approved: true });
    expect(driver.current.state).toBe('COMPLETED');
    const again = driver.send({ type: 'COMPLETE_USER_TASK', userTaskKey, variables: {} });
    expect(again.rejection?.code).toBe('INVALID_STATE');
  });

  it('evaluates FEEL candidate groups and assignee on a plain user task', () => {
    const model = buildModel(
      'plain-user',
      [
        { id: 'start', kind: 'startEvent' },
        {
          id: 'approve',
          kind: 'userTask',
          userTask: {
            zeebeUserTask: false,
            assignee: { kind: 'feel', expression: 'owner' },
            candidateGroups: { kind: 'feel', expression: '["sales", region]' },
          },
        },
        { id: 'end', kind: 'endEvent', terminate: false },
      ],
      [
        ['start', 'approve'],
        ['approve', 'end'],
      ],
    );
    const driver = new InstanceDriver(model);
    driver.create({ owner: 'alice', region: 'emea' });
    expect(driver.userTask('approve')).toMatchObject({
      assignee: 'alice',
      candidateGroups: ['sales', 'emea'],
      priority: 50,
    });

    const failing = new InstanceDriver(model);
    failing.create({ region: 'emea' });
    const [incident] = failing.openIncidents();
    expect(incident).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'approve' });
    expect(incident?.errorMessage).toContain('owner');
  });
});

describe('pass-through and script tasks', () => {
  it('evaluates the script and stores the result variable (script-task.bpmn)', async () => {
    const driver = new InstanceDriver(await loadProcess('script-task'));
    driver.create({ price: 2.5, quantity: 4 });
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.rootVariables()).toEqual({ price: 2.5, quantity: 4, total: 10 });
  });

  it('raises an incident with the FEEL message when the script fails, and retries it on resolution', async () => {
    const driver = new InstanceDriver(await loadProcess('script-task'));
    driver.create({ price: 2 });
    const [incident] = driver.openIncidents();
    expect(incident).toMatchObject({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'compute-total' });
    expect(incident?.errorMessage).toContain('quantity');
    driver.send({
      type: 'SET_VARIABLES',
      elementInstanceKey: driver.processInstanceKey,
      variables: { quantity: 3 },
    });
    driver.send({ type: 'RESOLVE_INCIDENT', incidentKey: incident!.incidentKey });
    expect(driver.rootVariables()['total']).toBe(6);
    expect(driver.current.state).toBe('COMPLETED');
  });

  it('passes through manual and plain tasks; a task without outgoing flow ends its token', () => {
    const model = buildModel(
      'pass-through',
      [
        { id: 'start', kind: 'startEvent' },
        { id: 'manual', kind: 'manualTask' },
        { id: 'plain', kind: 'task' },
      ],
      [
        ['start', 'manual'],
        ['manual', 'plain'],
      ],
    );
    const driver = new InstanceDriver(model);
    driver.create();
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.effects('INSTANCE_EVENT')[0]?.event.completedElementIds).toEqual([
      'start',
      'manual',
      'plain',
    ]);
  });
});
