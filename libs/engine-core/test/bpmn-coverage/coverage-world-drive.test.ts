// CoverageWorld.driveToEnd: the generic scripted loop of the MIWG corpus run. It says what the
// instance still waits for when it cannot end, instead of looping or hanging.
import { definitionsXml, flowsXml, serviceTaskXml } from './bpmn-xml';
import { CoverageWorld } from './coverage-world';

describe('driveToEnd', () => {
  it('completes jobs with the scripted variables, the n-th completion taking the n-th entry', async () => {
    const xml = definitionsXml(
      'drive-loop',
      `<bpmn:startEvent id="start"/>${serviceTaskXml('work')}<bpmn:exclusiveGateway id="again" default="again-to-end"/><bpmn:endEvent id="end"/>
${flowsXml([
  ['start', 'work'],
  ['work', 'again'],
  ['again', 'work', '=retry'],
  ['again', 'end'],
])}`,
    );
    const world = await CoverageWorld.start(xml);
    const steps = world.driveToEnd({ completions: { work: [{ retry: true }, { retry: false }] } });
    expect(steps).toEqual(['job work', 'job work']);
    expect(world.driver.current.state).toBe('COMPLETED');
  });

  it('fails with the open incidents when the instance is stuck', async () => {
    const xml = definitionsXml(
      'drive-stuck',
      `<bpmn:startEvent id="start"/><bpmn:exclusiveGateway id="choice"/><bpmn:endEvent id="end"/>
${flowsXml([
  ['start', 'choice'],
  ['choice', 'end', '=missing'],
])}`,
    );
    const world = await CoverageWorld.start(xml);
    expect(() => world.driveToEnd()).toThrow(/instance is stuck: .*open incidents \[choice: .*missing/);
  });

  it('fails after maxSteps when the instance does not end', async () => {
    const xml = definitionsXml(
      'drive-endless',
      `<bpmn:startEvent id="start"/>${serviceTaskXml('work')}<bpmn:exclusiveGateway id="again" default="again-to-end"/><bpmn:endEvent id="end"/>
${flowsXml([
  ['start', 'work'],
  ['work', 'again'],
  ['again', 'work', '=true'],
  ['again', 'end'],
])}`,
    );
    const world = await CoverageWorld.start(xml);
    expect(() => world.driveToEnd({}, 5)).toThrow(
      /did not end within 5 steps: .*live tokens \[work:ACTIVE\]/,
    );
  });
});
