// Terminate end events: every other token and element of the scope ends; at the root the
// instance completes (as in Zeebe), in a subprocess the subprocess completes and its token moves on.
import { InstanceDriver } from '../support/driver';
import { loadProcess } from '../support/fixtures';
import { buildModel, jobDefinition } from '../support/model-builder';

describe('terminate end event', () => {
  it('terminates the other branch and completes the instance (terminate-end.bpmn)', async () => {
    const driver = new InstanceDriver(await loadProcess('terminate-end'));
    driver.create();
    expect(driver.current.state).toBe('COMPLETED');
    const job = Object.values(driver.current.jobs)[0];
    expect(job).toMatchObject({ elementId: 'waiting-task', state: 'CANCELED' });
    expect(driver.effects('JOB_CREATED')).toHaveLength(1);
    expect(driver.effects('JOB_CLOSED')).toEqual([
      { type: 'JOB_CLOSED', jobKey: job!.jobKey, processInstanceKey: driver.processInstanceKey },
    ]);
    expect(driver.tokens()).toEqual(
      expect.arrayContaining([
        { elementId: 'fork', state: 'TERMINATED' },
        { elementId: 'waiting-task', state: 'TERMINATED', parent: 'fork' },
        { elementId: 'terminate-end', state: 'COMPLETED', parent: 'fork' },
      ]),
    );
    // Ended element instances leave the state; only the process instance's own record stays.
    expect(
      Object.values(driver.current.elementInstances).map((instance) => [
        instance.elementType,
        instance.state,
      ]),
    ).toEqual([['process', 'COMPLETED']]);
    const event = driver.effects('INSTANCE_EVENT')[0]?.event;
    expect(event).toMatchObject({ state: 'COMPLETED', activeElementIds: [] });
    expect(event?.completedElementIds).toEqual(['start', 'fork', 'terminate-end']);
  });

  it('inside a subprocess ends only the subprocess, whose token then moves on', () => {
    const model = buildModel(
      'terminate-sub',
      [
        { id: 'start', kind: 'startEvent' },
        { id: 'sub', kind: 'subProcess', startEventIds: ['sub-start'] },
        { id: 'sub-start', kind: 'startEvent', scopeId: 'sub' },
        { id: 'sub-fork', kind: 'parallelGateway', scopeId: 'sub' },
        { id: 'sub-wait', kind: 'userTask', scopeId: 'sub', userTask: { zeebeUserTask: true } },
        { id: 'sub-kill', kind: 'endEvent', scopeId: 'sub', terminate: true },
        { id: 'after', kind: 'serviceTask', job: jobDefinition('after') },
        { id: 'end', kind: 'endEvent', terminate: false },
      ],
      [
        ['start', 'sub'],
        ['sub-start', 'sub-fork'],
        ['sub-fork', 'sub-wait'],
        ['sub-fork', 'sub-kill'],
        ['sub', 'after'],
        ['after', 'end'],
      ],
    );
    const driver = new InstanceDriver(model);
    driver.create();
    expect(driver.current.state).toBe('ACTIVE');
    expect(Object.values(driver.current.userTasks)[0]?.state).toBe('CANCELED');
    expect(driver.effects('USER_TASK_UPDATED').map((effect) => effect.userTask.state)).toEqual([
      'CREATED',
      'CANCELED',
    ]);
    expect(driver.liveTokens()).toEqual(['after:ACTIVE']);
    expect(driver.activeElementIds()).toEqual(['after']);
    driver.completeJob('after');
    expect(driver.current.state).toBe('COMPLETED');
  });
});
