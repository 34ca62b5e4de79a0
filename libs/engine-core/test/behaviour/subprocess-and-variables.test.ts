// Embedded subprocesses as variable scopes, Camunda propagation (nearest scope that has the
// variable, else the root), local variables, SET_VARIABLES and visibleVariables.
import { InstanceDriver } from '../support/driver';
import { loadProcess } from '../support/fixtures';
import { buildModel, jobDefinition } from '../support/model-builder';
import { visibleVariables } from '../../src';

describe('embedded subprocess (embedded-subprocess.bpmn)', () => {
  it('runs inside its own scope with a child token, then completes and moves on', async () => {
    const driver = new InstanceDriver(await loadProcess('embedded-subprocess'));
    driver.create({ orderId: 'o-1' });
    const job = driver.job('sub-task');
    const subprocessInstance = Object.values(driver.current.elementInstances).find(
      (instance) => instance.elementId === 'sub',
    );
    expect(subprocessInstance?.state).toBe('ACTIVE');
    expect(driver.current.variables[subprocessInstance!.key]).toEqual({ localCounter: 0 });
    expect(driver.current.elementInstances[job.elementInstanceKey]?.flowScopeKey).toBe(
      subprocessInstance?.key,
    );
    expect(visibleVariables(driver.current, job.elementInstanceKey)).toEqual({
      orderId: 'o-1',
      localCounter: 0,
    });
    expect(driver.tokens()).toEqual(
      expect.arrayContaining([
        { elementId: 'sub', state: 'ON_HOLD' },
        { elementId: 'sub-task', state: 'ACTIVE', parent: 'sub' },
      ]),
    );
    expect(driver.activeElementIds()).toEqual(['sub', 'sub-task']);

    // localCounter exists in the subprocess scope: it is updated there; `note` is new: it goes to the root.
    driver.completeJob('sub-task', { localCounter: 3, note: 'done' });
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.rootVariables()).toEqual({ orderId: 'o-1', note: 'done', counter: 3 });
    expect(driver.current.variables[subprocessInstance!.key]).toBeUndefined();
    expect(driver.tokens()).toContainEqual({ elementId: 'end', state: 'COMPLETED' });
  });
});

describe('variables', () => {
  const model = buildModel(
    'vars',
    [
      { id: 'start', kind: 'startEvent' },
      {
        id: 'work',
        kind: 'serviceTask',
        job: jobDefinition('work'),
        inputMappings: [
          { source: 'count + 1', target: 'next' },
          { source: 'next * 2', target: 'double' },
        ],
      },
      { id: 'shape', kind: 'task', outputMappings: [{ source: '"Baker Street"', target: 'address.street' }] },
      { id: 'end', kind: 'endEvent', terminate: false },
    ],
    [
      ['start', 'work'],
      ['work', 'shape'],
      ['shape', 'end'],
    ],
  );

  it('evaluates input mappings in order into the local scope, later ones seeing earlier ones', () => {
    const driver = new InstanceDriver(model);
    driver.create({ count: 1 });
    const job = driver.job('work');
    expect(driver.current.variables[job.elementInstanceKey]).toEqual({ next: 2, double: 4 });
    expect(driver.rootVariables()).toEqual({ count: 1 });
  });

  it('without output mappings, job variables propagate: a local variable stays local, new ones go to the root', () => {
    const driver = new InstanceDriver(model);
    driver.create({ count: 1, address: { city: 'London' } });
    driver.completeJob('work', { next: 99, count: 5 });
    expect(driver.rootVariables()).toEqual({ count: 5, address: { city: 'London', street: 'Baker Street' } });
  });

  it('sets variables locally or with propagation through SET_VARIABLES, and rejects an unknown scope', () => {
    const driver = new InstanceDriver(model);
    driver.create({ count: 1 });
    const { elementInstanceKey } = driver.job('work');
    driver.send({ type: 'SET_VARIABLES', elementInstanceKey, variables: { next: 10, fresh: 'x' } });
    expect(driver.current.variables[elementInstanceKey]).toEqual({ next: 10, double: 4 });
    expect(driver.rootVariables()).toEqual({ count: 1, fresh: 'x' });
    expect(driver.effects('INSTANCE_EVENT')).toHaveLength(1);

    driver.send({ type: 'SET_VARIABLES', elementInstanceKey, variables: { count: 7 }, local: true });
    expect(driver.current.variables[elementInstanceKey]).toEqual({ next: 10, double: 4, count: 7 });
    expect(driver.rootVariables()['count']).toBe(1);
    expect(visibleVariables(driver.current, elementInstanceKey)['count']).toBe(7);

    const unknown = driver.send({ type: 'SET_VARIABLES', elementInstanceKey: '424242', variables: { a: 1 } });
    expect(unknown.rejection?.code).toBe('NOT_FOUND');
  });
});
