// FLOWX tokens at parallel splits and joins: parent ON_HOLD, children ACTIVE, INACTIVE at the
// join, parent ACTIVE again once every incoming flow has arrived; nested and implicit splits.
import { InstanceDriver } from '../support/driver';
import { loadProcess } from '../support/fixtures';
import { buildModel, jobDefinition } from '../support/model-builder';

describe('parallel gateway (parallel-gateway.bpmn)', () => {
  it('splits into child tokens, waits at the join, and resumes the parent', async () => {
    const driver = new InstanceDriver(await loadProcess('parallel-gateway'));
    driver.create();
    expect(driver.tokens()).toEqual(
      expect.arrayContaining([
        { elementId: 'fork', state: 'ON_HOLD' },
        { elementId: 'task-a', state: 'ACTIVE', parent: 'fork' },
        { elementId: 'task-b', state: 'ACTIVE', parent: 'fork' },
      ]),
    );
    expect(driver.tokens()).toHaveLength(3);
    expect(driver.activeElementIds()).toEqual(['task-a', 'task-b']);
    expect(
      driver
        .effects('JOB_CREATED')
        .map((effect) => effect.job.type)
        .sort(),
    ).toEqual(['task-a', 'task-b']);

    driver.completeJob('task-a');
    expect(driver.liveTokens()).toEqual(['fork:ON_HOLD', 'join:INACTIVE', 'task-b:ACTIVE']);
    expect(driver.current.state).toBe('ACTIVE');
    expect(driver.activeElementIds()).toEqual(['task-b']);

    driver.completeJob('task-b');
    expect(driver.current.state).toBe('COMPLETED');
    const tokens = Object.values(driver.current.tokens);
    const parent = tokens.find((token) => token.parentTokenKey === undefined);
    expect(parent).toMatchObject({ elementId: 'end', state: 'COMPLETED' });
    expect(
      tokens.filter((token) => token.parentTokenKey === parent?.tokenKey).map((token) => token.state),
    ).toEqual(['COMPLETED', 'COMPLETED']);
    const event = driver.effects('INSTANCE_EVENT')[0]?.event;
    expect(event?.completedElementIds).toEqual(
      expect.arrayContaining(['start', 'fork', 'task-a', 'task-b', 'join', 'end']),
    );
  });

  it('handles nested splits: a child token becomes a parent itself (nested-parallel.bpmn)', async () => {
    const driver = new InstanceDriver(await loadProcess('nested-parallel', 'own'));
    driver.create();
    expect(driver.tokens()).toEqual(
      expect.arrayContaining([
        { elementId: 'outer-fork', state: 'ON_HOLD' },
        { elementId: 'task-a', state: 'ACTIVE', parent: 'outer-fork' },
        { elementId: 'inner-fork', state: 'ON_HOLD', parent: 'outer-fork' },
        { elementId: 'task-b', state: 'ACTIVE', parent: 'inner-fork' },
        { elementId: 'task-c', state: 'ACTIVE', parent: 'inner-fork' },
      ]),
    );
    expect(driver.tokens()).toHaveLength(5);

    driver.completeJob('task-b');
    expect(driver.liveTokens()).toEqual([
      'inner-fork:ON_HOLD',
      'inner-join:INACTIVE',
      'outer-fork:ON_HOLD',
      'task-a:ACTIVE',
      'task-c:ACTIVE',
    ]);

    driver.completeJob('task-c');
    // The inner parent is ACTIVE again, passes the inner join and waits INACTIVE at the outer join.
    expect(driver.liveTokens()).toEqual(['outer-fork:ON_HOLD', 'outer-join:INACTIVE', 'task-a:ACTIVE']);
    const innerParent = Object.values(driver.current.tokens).find(
      (token) => token.elementId === 'outer-join',
    );
    const outerParent = Object.values(driver.current.tokens).find(
      (token) => token.elementId === 'outer-fork',
    );
    expect(innerParent?.parentTokenKey).toBe(outerParent?.tokenKey);

    driver.completeJob('task-a');
    expect(driver.liveTokens()).toEqual([]);
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.current.tokens[outerParent!.tokenKey]).toMatchObject({
      elementId: 'end',
      state: 'COMPLETED',
    });
  });

  it('joins whichever branch finishes first', async () => {
    const driver = new InstanceDriver(await loadProcess('nested-parallel', 'own'));
    driver.create();
    driver.completeJob('task-a');
    expect(driver.liveTokens()).toEqual([
      'inner-fork:ON_HOLD',
      'outer-fork:ON_HOLD',
      'outer-join:INACTIVE',
      'task-b:ACTIVE',
      'task-c:ACTIVE',
    ]);
    driver.completeJob('task-c');
    driver.completeJob('task-b');
    expect(driver.current.state).toBe('COMPLETED');
  });

  it('forks at a task with several outgoing flows (implicit split, implicit-split.bpmn)', async () => {
    const driver = new InstanceDriver(await loadProcess('implicit-split', 'own'));
    driver.create();
    expect(driver.liveTokens()).toEqual(['invoice:ACTIVE', 'prepare:ON_HOLD', 'ship:ACTIVE']);
    driver.completeJob('ship');
    driver.completeJob('invoice');
    expect(driver.current.state).toBe('COMPLETED');
  });

  it('passes through a gateway with one incoming and one outgoing flow', () => {
    const model = buildModel(
      'pass',
      [
        { id: 'start', kind: 'startEvent' },
        { id: 'gate', kind: 'parallelGateway' },
        { id: 'end', kind: 'endEvent', terminate: false },
      ],
      [
        ['start', 'gate'],
        ['gate', 'end'],
      ],
    );
    const driver = new InstanceDriver(model);
    driver.create();
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.tokens()).toEqual([{ elementId: 'end', state: 'COMPLETED' }]);
  });

  it('completes the split parent when every branch ends at its own end event', () => {
    const model = buildModel(
      'branches-end',
      [
        { id: 'start', kind: 'startEvent' },
        { id: 'fork', kind: 'parallelGateway' },
        { id: 'work', kind: 'serviceTask', job: jobDefinition('work') },
        { id: 'end-a', kind: 'endEvent', terminate: false },
        { id: 'end-b', kind: 'endEvent', terminate: false },
      ],
      [
        ['start', 'fork'],
        ['fork', 'end-a'],
        ['fork', 'work'],
        ['work', 'end-b'],
      ],
    );
    const driver = new InstanceDriver(model);
    driver.create();
    expect(driver.liveTokens()).toEqual(['fork:ON_HOLD', 'work:ACTIVE']);
    driver.completeJob('work');
    expect(driver.liveTokens()).toEqual([]);
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.tokens()).toContainEqual({ elementId: 'fork', state: 'COMPLETED' });
  });

  it('merges part of the branches into a new sibling token at an unstructured join', () => {
    const model = buildModel(
      'unstructured',
      [
        { id: 'start', kind: 'startEvent' },
        { id: 'fork', kind: 'parallelGateway' },
        { id: 'a', kind: 'serviceTask', job: jobDefinition('a') },
        { id: 'b', kind: 'serviceTask', job: jobDefinition('b') },
        { id: 'c', kind: 'serviceTask', job: jobDefinition('c') },
        { id: 'join-ab', kind: 'parallelGateway' },
        { id: 'join-all', kind: 'parallelGateway' },
        { id: 'end', kind: 'endEvent', terminate: false },
      ],
      [
        ['start', 'fork'],
        ['fork', 'a'],
        ['fork', 'b'],
        ['fork', 'c'],
        ['a', 'join-ab'],
        ['b', 'join-ab'],
        ['join-ab', 'join-all'],
        ['c', 'join-all'],
        ['join-all', 'end'],
      ],
    );
    const driver = new InstanceDriver(model);
    driver.create();
    driver.completeJob('a');
    driver.completeJob('b');
    expect(driver.tokens()).toContainEqual({ elementId: 'join-all', state: 'INACTIVE', parent: 'fork' });
    expect(driver.liveTokens()).toEqual(['c:ACTIVE', 'fork:ON_HOLD', 'join-all:INACTIVE']);
    driver.completeJob('c');
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.tokens().filter((token) => token.parent === undefined)).toEqual([
      { elementId: 'end', state: 'COMPLETED' },
    ]);
  });

  it('joins one token per incoming flow, the earliest first; an extra token on a flow waits for the next firing', () => {
    const model = buildModel(
      'same-flow-twice',
      [
        { id: 'start', kind: 'startEvent' },
        { id: 'fork', kind: 'parallelGateway' },
        { id: 'a1', kind: 'serviceTask', job: jobDefinition('a1') },
        { id: 'a2', kind: 'serviceTask', job: jobDefinition('a2') },
        { id: 'b1', kind: 'serviceTask', job: jobDefinition('b1') },
        { id: 'b2', kind: 'serviceTask', job: jobDefinition('b2') },
        { id: 'merge-a', kind: 'exclusiveGateway' },
        { id: 'merge-b', kind: 'exclusiveGateway' },
        { id: 'join', kind: 'parallelGateway' },
        { id: 'after', kind: 'serviceTask', job: jobDefinition('after') },
        { id: 'end', kind: 'endEvent', terminate: false },
      ],
      [
        ['start', 'fork'],
        ['fork', 'a1'],
        ['fork', 'a2'],
        ['fork', 'b1'],
        ['fork', 'b2'],
        ['a1', 'merge-a'],
        ['a2', 'merge-a'],
        ['b1', 'merge-b'],
        ['b2', 'merge-b'],
        ['merge-a', 'join'],
        ['merge-b', 'join'],
        ['join', 'after'],
        ['after', 'end'],
      ],
    );
    const driver = new InstanceDriver(model);
    driver.create();
    const branchToken = (elementId: string) =>
      Object.values(driver.current.tokens).find((token) => token.elementId === elementId)?.tokenKey;
    const [a1Token, a2Token] = [branchToken('a1'), branchToken('a2')];
    // Both a-branches arrive on the same flow, the later-made token first.
    driver.completeJob('a2');
    driver.completeJob('a1');
    expect(driver.liveTokens()).toEqual([
      'b1:ACTIVE',
      'b2:ACTIVE',
      'fork:ON_HOLD',
      'join:INACTIVE',
      'join:INACTIVE',
    ]);

    driver.completeJob('b1');
    // One firing took one token from each flow: the a-token made first, as the record orders them.
    expect(driver.liveTokens()).toEqual(['after:ACTIVE', 'b2:ACTIVE', 'fork:ON_HOLD', 'join:INACTIVE']);
    expect(driver.current.tokens[a1Token ?? '']?.state).toBe('COMPLETED');
    expect(driver.current.tokens[a2Token ?? '']?.state).toBe('INACTIVE');

    driver.completeJob('b2');
    expect(driver.liveTokens()).toEqual(['after:ACTIVE', 'after:ACTIVE', 'fork:ON_HOLD']);
    driver.completeJob('after');
    driver.completeJob('after');
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.liveTokens()).toEqual([]);
  });
});
