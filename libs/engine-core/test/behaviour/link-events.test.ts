// Link events: a token reaching a throw link event continues at the catch link event of the same
// name in its scope; an inclusive join sees a branch that reaches it through a link.
import { elementsReaching } from '../../src/elements/inclusive-gateway';
import { InstanceDriver } from '../support/driver';
import { loadProcess } from '../support/fixtures';
import { buildModel, jobDefinition } from '../support/model-builder';

describe('link events (link-events.bpmn)', () => {
  it('moves the token from the throw link to the catch link of the same name', async () => {
    const driver = new InstanceDriver(await loadProcess('link-events'));
    driver.create();
    expect(driver.activeElementIds()).toEqual(['work']);
    driver.completeJob('work');
    expect(driver.activeElementIds()).toEqual(['review']);
    expect(driver.liveTokens()).toEqual(['review:ACTIVE']);
    expect(driver.current.completedElementIds).toEqual(
      expect.arrayContaining(['go-to-review', 'review-entry', 'milestone']),
    );
    driver.completeJob('review');
    expect(driver.current.state).toBe('COMPLETED');
  });
});

describe('link events and inclusive joins', () => {
  it('count a path through a link as reaching the join', () => {
    const model = buildModel(
      'linked-join',
      [
        { id: 'start', kind: 'startEvent' },
        { id: 'fork', kind: 'inclusiveGateway' },
        { id: 'a', kind: 'serviceTask', job: jobDefinition('a') },
        { id: 'b', kind: 'serviceTask', job: jobDefinition('b') },
        { id: 'jump', kind: 'intermediateThrowEvent', link: { name: 'x', targetId: 'land' } },
        { id: 'land', kind: 'intermediateCatchEvent', link: 'x' },
        { id: 'join', kind: 'inclusiveGateway' },
        { id: 'end', kind: 'endEvent', terminate: false },
      ],
      [
        ['start', 'fork'],
        ['fork', 'a'],
        ['fork', 'b'],
        ['a', 'join'],
        ['b', 'jump'],
        ['land', 'join'],
        ['join', 'end'],
      ],
    );
    expect(elementsReaching(model, 'join')).toEqual(new Set(['a', 'land', 'jump', 'b', 'fork', 'start']));
    const driver = new InstanceDriver(model);
    driver.create();
    driver.completeJob('a');
    expect(driver.liveTokens()).toEqual(['b:ACTIVE', 'fork:ON_HOLD', 'join:INACTIVE']);
    driver.completeJob('b');
    expect(driver.current.state).toBe('COMPLETED');
  });
});
