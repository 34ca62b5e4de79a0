// Inclusive gateway: the fork takes every true flow (else the default, none → incident); the join
// waits while another token of its scope can still reach it, and fires once none can.
import type { ProcessModel } from '@baton/bpmn';
import { elementsReaching } from '../../src/elements/inclusive-gateway';
import { InstanceDriver } from '../support/driver';
import { buildModel, jobDefinition, type FlowSpec, type NodeSpec } from '../support/model-builder';

function task(id: string): NodeSpec {
  return { id, kind: 'serviceTask', job: jobDefinition(id) };
}

const START: NodeSpec = { id: 'start', kind: 'startEvent' };
const END: NodeSpec = { id: 'end', kind: 'endEvent', terminate: false };

/** start → fork → a | b | c (conditions on x) | d (default) → join → after → end */
function threeConditions(): ProcessModel {
  return buildModel(
    'inclusive',
    [
      START,
      { id: 'fork', kind: 'inclusiveGateway', defaultFlowId: 'fork->d' },
      task('a'),
      task('b'),
      task('c'),
      task('d'),
      { id: 'join', kind: 'inclusiveGateway' },
      task('after'),
      END,
    ],
    [
      ['start', 'fork'],
      ['fork', 'a', 'x > 1'],
      ['fork', 'b', 'x > 2'],
      ['fork', 'c', 'x > 100'],
      ['fork', 'd'],
      ['a', 'join'],
      ['b', 'join'],
      ['c', 'join'],
      ['d', 'join'],
      ['join', 'after'],
      ['after', 'end'],
    ],
  );
}

function jobTypes(driver: InstanceDriver): string[] {
  return Object.values(driver.current.jobs)
    .filter((job) => job.state === 'ACTIVATABLE')
    .map((job) => job.elementId)
    .sort();
}

describe('inclusive gateway fork and join', () => {
  it('takes the two flows whose conditions are true and joins once both arrived', () => {
    const driver = new InstanceDriver(threeConditions());
    driver.create({ x: 5 });
    expect(jobTypes(driver)).toEqual(['a', 'b']);
    expect(driver.tokens()).toEqual(
      expect.arrayContaining([
        { elementId: 'fork', state: 'ON_HOLD' },
        { elementId: 'a', state: 'ACTIVE', parent: 'fork' },
        { elementId: 'b', state: 'ACTIVE', parent: 'fork' },
      ]),
    );

    driver.completeJob('a');
    expect(driver.liveTokens()).toEqual(['b:ACTIVE', 'fork:ON_HOLD', 'join:INACTIVE']);
    expect(jobTypes(driver)).toEqual(['b']);

    driver.completeJob('b');
    // The split parent resumes through the join: one token goes on.
    expect(driver.liveTokens()).toEqual(['after:ACTIVE']);
    expect(jobTypes(driver)).toEqual(['after']);
    driver.completeJob('after');
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.effects('INSTANCE_EVENT')[0]?.event.completedElementIds).toEqual(
      expect.arrayContaining(['fork', 'a', 'b', 'join', 'after', 'end']),
    );
    expect(driver.current.completedElementIds).not.toContain('c');
  });

  it('takes only the default flow when no condition is true, and the join lets the lone token pass', () => {
    const driver = new InstanceDriver(threeConditions());
    driver.create({ x: 0 });
    expect(jobTypes(driver)).toEqual(['d']);
    driver.completeJob('d');
    expect(jobTypes(driver)).toEqual(['after']);
    driver.completeJob('after');
    expect(driver.current.state).toBe('COMPLETED');
  });

  it('takes a flow without condition as true', () => {
    const model = buildModel(
      'unconditional',
      [START, { id: 'fork', kind: 'inclusiveGateway' }, task('a'), task('b')],
      [
        ['start', 'fork'],
        ['fork', 'a'],
        ['fork', 'b', 'false'],
      ],
    );
    const driver = new InstanceDriver(model);
    driver.create();
    expect(jobTypes(driver)).toEqual(['a']);
  });

  it('raises a CONDITION_ERROR incident naming the gateway when nothing matches and there is no default', () => {
    const model = buildModel(
      'no-match',
      [START, { id: 'fork', kind: 'inclusiveGateway' }, task('a'), task('b')],
      [
        ['start', 'fork'],
        ['fork', 'a', 'x > 1'],
        ['fork', 'b', 'x > 2'],
      ],
    );
    const driver = new InstanceDriver(model);
    driver.create({ x: 0 });
    const [incident] = driver.openIncidents();
    expect(incident).toMatchObject({ errorType: 'CONDITION_ERROR', elementId: 'fork' });
    expect(incident?.errorMessage).toContain("inclusive gateway 'fork'");
    expect(jobTypes(driver)).toEqual([]);
  });

  it('raises an incident for a failing condition rather than skipping the flow', () => {
    const driver = new InstanceDriver(threeConditions());
    driver.create({});
    const [incident] = driver.openIncidents();
    expect(incident).toMatchObject({ errorType: 'CONDITION_ERROR', elementId: 'fork' });
    expect(incident?.errorMessage).toContain('x');
  });
});

describe('inclusive join: which tokens it waits for', () => {
  /** start → fork → a → join; fork → b → route (xor) → join | end-b; join → after → end */
  function branchMayEnd(): ProcessModel {
    const flows: FlowSpec[] = [
      ['start', 'fork'],
      ['fork', 'a'],
      ['fork', 'b'],
      ['a', 'join'],
      ['b', 'route'],
      ['route', 'join', 'toJoin'],
      ['route', 'end-b', 'not(toJoin)'],
      ['join', 'after'],
      ['after', 'end'],
    ];
    return buildModel(
      'branch-may-end',
      [
        START,
        { id: 'fork', kind: 'inclusiveGateway' },
        task('a'),
        task('b'),
        { id: 'route', kind: 'exclusiveGateway' },
        { id: 'end-b', kind: 'endEvent', terminate: false },
        { id: 'join', kind: 'inclusiveGateway' },
        task('after'),
        END,
      ],
      flows,
    );
  }

  it('fires with the one token that arrived once the other branch ended at an end event', () => {
    const driver = new InstanceDriver(branchMayEnd());
    driver.create({ toJoin: false });
    driver.completeJob('a');
    // b can still reach the join through the exclusive gateway: the join waits.
    expect(driver.liveTokens()).toEqual(['b:ACTIVE', 'fork:ON_HOLD', 'join:INACTIVE']);
    expect(jobTypes(driver)).toEqual(['b']);

    driver.completeJob('b');
    expect(jobTypes(driver)).toEqual(['after']);
    expect(driver.liveTokens()).toEqual(['after:ACTIVE']);
    driver.completeJob('after');
    expect(driver.current.state).toBe('COMPLETED');
  });

  it('waits for the branch that routes to the join too', () => {
    const driver = new InstanceDriver(branchMayEnd());
    driver.create({ toJoin: true });
    driver.completeJob('b');
    expect(jobTypes(driver)).toEqual(['a']);
    driver.completeJob('a');
    expect(jobTypes(driver)).toEqual(['after']);
    driver.completeJob('after');
    expect(driver.current.state).toBe('COMPLETED');
  });

  it('does not wait for a token that can no longer reach it', () => {
    const model = buildModel(
      'unreachable',
      [
        START,
        { id: 'fork', kind: 'inclusiveGateway' },
        task('a'),
        task('b'),
        task('c'),
        END,
        { id: 'join', kind: 'inclusiveGateway' },
        task('after'),
      ],
      [
        ['start', 'fork'],
        ['fork', 'a'],
        ['fork', 'b'],
        ['fork', 'c'],
        ['a', 'join'],
        ['b', 'join'],
        ['c', 'end'],
        ['join', 'after'],
      ],
    );
    const driver = new InstanceDriver(model);
    driver.create();
    driver.completeJob('a');
    expect(jobTypes(driver)).toEqual(['b', 'c']);
    driver.completeJob('b');
    // c runs on a branch that never meets the join.
    expect(jobTypes(driver)).toEqual(['after', 'c']);
  });

  it('waits for a token inside an embedded subprocess on the way to the join', () => {
    const model = buildModel(
      'nested',
      [
        START,
        { id: 'fork', kind: 'inclusiveGateway' },
        task('a'),
        { id: 'sub', kind: 'subProcess', startEventIds: ['sub-start'] },
        { id: 'sub-start', kind: 'startEvent', scopeId: 'sub' },
        { id: 'inner', kind: 'serviceTask', job: jobDefinition('inner'), scopeId: 'sub' },
        { id: 'sub-end', kind: 'endEvent', terminate: false, scopeId: 'sub' },
        { id: 'join', kind: 'inclusiveGateway' },
        END,
      ],
      [
        ['start', 'fork'],
        ['fork', 'a'],
        ['fork', 'sub'],
        ['sub-start', 'inner'],
        ['inner', 'sub-end'],
        ['a', 'join'],
        ['sub', 'join'],
        ['join', 'end'],
      ],
    );
    const driver = new InstanceDriver(model);
    driver.create();
    driver.completeJob('a');
    expect(driver.current.state).toBe('ACTIVE');
    expect(driver.liveTokens()).toContain('join:INACTIVE');
    driver.completeJob('inner');
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.current.completedElementIds).toEqual(expect.arrayContaining(['sub', 'join', 'end']));
  });

  it('joins inside a parallel branch without waiting for the sibling branch', () => {
    const model = buildModel(
      'in-parallel',
      [
        START,
        { id: 'split', kind: 'parallelGateway' },
        task('p'),
        { id: 'fork', kind: 'inclusiveGateway' },
        task('a'),
        task('b'),
        { id: 'join', kind: 'inclusiveGateway' },
        task('after'),
        { id: 'merge', kind: 'parallelGateway' },
        END,
      ],
      [
        ['start', 'split'],
        ['split', 'p'],
        ['split', 'fork'],
        ['fork', 'a'],
        ['fork', 'b'],
        ['a', 'join'],
        ['b', 'join'],
        ['join', 'after'],
        ['p', 'merge'],
        ['after', 'merge'],
        ['merge', 'end'],
      ],
    );
    const driver = new InstanceDriver(model);
    driver.create();
    expect(jobTypes(driver)).toEqual(['a', 'b', 'p']);
    driver.completeJob('a');
    driver.completeJob('b');
    expect(jobTypes(driver)).toEqual(['after', 'p']);
    driver.completeJob('after');
    expect(driver.current.state).toBe('ACTIVE');
    driver.completeJob('p');
    expect(driver.current.state).toBe('COMPLETED');
  });
});

describe('elementsReaching', () => {
  it('walks flows backwards and from boundary events to their host', () => {
    const model = buildModel(
      'reach',
      [
        START,
        task('a'),
        {
          id: 'timeout',
          kind: 'boundaryEvent',
          attachedToId: 'x',
          cancelActivity: true,
          trigger: { kind: 'error', error: {} },
        },
        task('x'),
        task('b'),
        END,
      ],
      [
        ['start', 'a'],
        ['a', 'end'],
        ['x', 'end'],
        ['timeout', 'b'],
      ],
    );
    expect([...elementsReaching(model, 'b')].sort()).toEqual(['timeout', 'x']);
    expect([...elementsReaching(model, 'end')].sort()).toEqual(['a', 'start', 'x']);
  });
});
