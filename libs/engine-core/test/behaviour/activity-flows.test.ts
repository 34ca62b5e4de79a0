// Conditional and default sequence flows out of an activity (BPMN, as Camunda 7 runs them): the
// unconditional flows and the true conditions are taken, the default only when nothing else is;
// no flow at all is an incident on the activity, which completes once the incident is resolved.
import type { ProcessModel } from '@baton/bpmn';
import { InstanceDriver } from '../support/driver';
import { buildModel, jobDefinition, type FlowSpec, type NodeSpec } from '../support/model-builder';

function task(id: string): NodeSpec {
  return { id, kind: 'serviceTask', job: jobDefinition(id) };
}

/** start → work → the given flows to the service tasks a, b, c, d, each → its own end. */
function workWith(flows: readonly FlowSpec[], defaultFlowId?: string): ProcessModel {
  const targets = ['a', 'b', 'c', 'd'];
  return buildModel(
    'activity-flows',
    [
      { id: 'start', kind: 'startEvent' },
      { ...task('work'), ...(defaultFlowId === undefined ? {} : { defaultFlowId }) },
      ...targets.map(task),
      ...targets.map((id): NodeSpec => ({ id: `${id}-end`, kind: 'endEvent', terminate: false })),
    ],
    [['start', 'work'], ...flows, ...targets.map((id): FlowSpec => [id, `${id}-end`])],
  );
}

function openJobs(driver: InstanceDriver): string[] {
  return Object.values(driver.current.jobs)
    .filter((job) => job.state === 'ACTIVATABLE')
    .map((job) => job.elementId)
    .sort();
}

describe('conditional and default flows out of an activity', () => {
  const model = workWith(
    [
      ['work', 'a', 'x > 1'],
      ['work', 'b', 'x > 100'],
      ['work', 'c'],
      ['work', 'd'],
    ],
    'work->d',
  );

  it('takes every unconditional flow and every true condition, not the default', () => {
    const driver = new InstanceDriver(model);
    driver.create({ x: 5 });
    driver.completeJob('work');
    expect(openJobs(driver)).toEqual(['a', 'c']);
  });

  it('evaluates the conditions with the variables the activity completed with', () => {
    const driver = new InstanceDriver(model);
    driver.create({ x: 0 });
    driver.completeJob('work', { x: 500 });
    expect(openJobs(driver)).toEqual(['a', 'b', 'c']);
  });

  it('takes the default flow when no other flow is taken', () => {
    const driver = new InstanceDriver(
      workWith(
        [
          ['work', 'a', 'x > 1'],
          ['work', 'd'],
        ],
        'work->d',
      ),
    );
    driver.create({ x: 0 });
    driver.completeJob('work');
    expect(openJobs(driver)).toEqual(['d']);
  });

  it('raises an incident on the activity when no flow can be taken, and goes on once it is resolved', () => {
    const driver = new InstanceDriver(
      workWith([
        ['work', 'a', 'x > 1'],
        ['work', 'b', 'x > 100'],
      ]),
    );
    driver.create({ x: 0 });
    driver.completeJob('work');
    const [incident, ...others] = driver.openIncidents();
    expect(others).toEqual([]);
    expect(incident).toMatchObject({ errorType: 'CONDITION_ERROR', elementId: 'work' });
    expect(incident?.errorMessage).toContain("No outgoing sequence flow of activity 'work' matched");
    expect(driver.liveTokens()).toEqual(['work:ACTIVE']);
    driver.send({
      type: 'SET_VARIABLES',
      elementInstanceKey: driver.processInstanceKey,
      variables: { x: 50 },
    });
    driver.send({ type: 'RESOLVE_INCIDENT', incidentKey: incident?.incidentKey ?? '' });
    expect(openJobs(driver)).toEqual(['a']);
    expect(driver.openIncidents()).toEqual([]);
  });

  it('leaves by every flow when there are no conditions (an implicit parallel split)', () => {
    const driver = new InstanceDriver(
      workWith([
        ['work', 'a'],
        ['work', 'b'],
      ]),
    );
    driver.create();
    driver.completeJob('work');
    expect(openJobs(driver)).toEqual(['a', 'b']);
  });
});
