// Exclusive gateway: conditions in document order, only boolean true takes a flow, default flow,
// and incidents (never a silent false) for failing, non-boolean or unmatched conditions.
import type { ProcessModel } from '@baton/bpmn';
import { InstanceDriver } from '../support/driver';
import { loadProcess } from '../support/fixtures';
import { buildModel } from '../support/model-builder';

let fixture: ProcessModel;
beforeAll(async () => {
  fixture = await loadProcess('exclusive-gateway');
});

function endReached(driver: InstanceDriver): string[] {
  return (
    driver.effects('INSTANCE_EVENT')[0]?.event.completedElementIds.filter((id) => id.startsWith('end')) ?? []
  );
}

describe('exclusive gateway (exclusive-gateway.bpmn)', () => {
  it.each([
    [150, 'end-high'],
    [5, 'end-low'],
    [50, 'end-default'],
  ])('amount %p takes the flow to %s', (amount, end) => {
    const driver = new InstanceDriver(fixture);
    driver.create({ amount });
    expect(driver.current.state).toBe('COMPLETED');
    expect(endReached(driver)).toEqual([end]);
  });

  it('raises a CONDITION_ERROR incident with the FEEL message for a missing variable, never the default flow', () => {
    const driver = new InstanceDriver(fixture);
    driver.create({});
    expect(driver.current.state).toBe('ACTIVE');
    const [incident] = driver.openIncidents();
    expect(incident).toMatchObject({ errorType: 'CONDITION_ERROR', elementId: 'amount-gateway' });
    expect(incident?.errorMessage).toContain('amount');
    expect(driver.liveTokens()).toEqual(['amount-gateway:ACTIVE']);

    driver.send({
      type: 'SET_VARIABLES',
      elementInstanceKey: driver.processInstanceKey,
      variables: { amount: 500 },
    });
    expect(driver.current.state).toBe('ACTIVE');
    driver.send({ type: 'RESOLVE_INCIDENT', incidentKey: incident!.incidentKey });
    expect(driver.current.state).toBe('COMPLETED');
    expect(endReached(driver)).toEqual(['end-high']);
  });

  it('raises an incident when a condition is not boolean (null compared with a number)', () => {
    const driver = new InstanceDriver(fixture);
    driver.create({ amount: null });
    const [incident] = driver.openIncidents();
    expect(incident?.errorType).toBe('CONDITION_ERROR');
    expect(incident?.errorMessage).toContain("'BOOLEAN'");
  });
});

describe('exclusive gateway (built models)', () => {
  const noDefault = buildModel(
    'no-default',
    [
      { id: 'start', kind: 'startEvent' },
      { id: 'gate', kind: 'exclusiveGateway' },
      { id: 'yes', kind: 'endEvent', terminate: false },
      { id: 'no', kind: 'endEvent', terminate: false },
    ],
    [
      ['start', 'gate'],
      ['gate', 'yes', 'x > 10'],
      ['gate', 'no', 'x < 0'],
    ],
  );

  it('raises a CONDITION_ERROR incident when no flow matches and there is no default', () => {
    const driver = new InstanceDriver(noDefault);
    driver.create({ x: 5 });
    const [incident] = driver.openIncidents();
    expect(incident?.errorType).toBe('CONDITION_ERROR');
    expect(incident?.errorMessage).toMatch(/No outgoing sequence flow of exclusive gateway 'gate' matched/);
  });

  it('takes the first true condition in document order', () => {
    const both = buildModel(
      'first-wins',
      [
        { id: 'start', kind: 'startEvent' },
        { id: 'gate', kind: 'exclusiveGateway' },
        { id: 'first', kind: 'endEvent', terminate: false },
        { id: 'second', kind: 'endEvent', terminate: false },
      ],
      [
        ['start', 'gate'],
        ['gate', 'first', 'x > 1'],
        ['gate', 'second', 'x > 0'],
      ],
    );
    const driver = new InstanceDriver(both);
    driver.create({ x: 5 });
    expect(driver.effects('INSTANCE_EVENT')[0]?.event.completedElementIds).toContain('first');
    expect(driver.effects('INSTANCE_EVENT')[0]?.event.completedElementIds).not.toContain('second');
  });

  it('passes a single unconditional outgoing flow', () => {
    const single = buildModel(
      'single',
      [
        { id: 'start', kind: 'startEvent' },
        { id: 'gate', kind: 'exclusiveGateway' },
        { id: 'end', kind: 'endEvent', terminate: false },
      ],
      [
        ['start', 'gate'],
        ['gate', 'end'],
      ],
    );
    const driver = new InstanceDriver(single);
    driver.create();
    expect(driver.current.state).toBe('COMPLETED');
  });
});
