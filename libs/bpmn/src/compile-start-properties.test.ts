// FLOWX start properties on none start events: `baton:mandatory` and `baton:startCondition`, as
// `zeebe:property` (Camunda 8 files) or `camunda:property` (Camunda 7 files); several none start
// events need a condition each.
import { compileBpmn } from './compile';
import { camunda7Process, onlyProcess, problemsOf, zeebeProcess } from './test-support';

const zeebeStart = (id: string, properties: Record<string, string>) =>
  `<bpmn:startEvent id="${id}"><bpmn:extensionElements><zeebe:properties>${Object.entries(properties)
    .map(([name, value]) => `<zeebe:property name="${name}" value="${value}"/>`)
    .join('')}</zeebe:properties></bpmn:extensionElements></bpmn:startEvent>`;

describe('start properties', () => {
  it('reads mandatory variables and the start condition (Zeebe)', async () => {
    const process = onlyProcess(
      await compileBpmn(
        zeebeProcess(
          zeebeStart('a', {
            'baton:mandatory': 'x, y',
            'baton:startCondition': '=startCondition = &quot;a&quot;',
          }) + zeebeStart('b', { 'baton:startCondition': 'startCondition = &quot;b&quot;' }),
        ),
      ),
    );
    expect(process.startEventIds).toEqual(['a', 'b']);
    expect(process.elements['a']).toMatchObject({
      mandatoryVariables: ['x', 'y'],
      startCondition: 'startCondition = "a"',
    });
    expect(process.elements['b']).toMatchObject({ startCondition: 'startCondition = "b"' });
  });

  it('reads them from camunda:properties in Camunda 7 files', async () => {
    const process = onlyProcess(
      await compileBpmn(
        camunda7Process(
          '<bpmn:startEvent id="s"><bpmn:extensionElements><camunda:properties>' +
            '<camunda:property name="baton:mandatory" value="orderId"/>' +
            '</camunda:properties></bpmn:extensionElements></bpmn:startEvent>',
        ),
      ),
    );
    expect(process.elements['s']).toMatchObject({ mandatoryVariables: ['orderId'] });
  });

  it('refuses several none start events unless each has a condition, and a condition that is not FEEL', async () => {
    const ambiguous = problemsOf(
      await compileBpmn(
        zeebeProcess(zeebeStart('a', { 'baton:startCondition': '=true' }) + '<bpmn:startEvent id="b"/>'),
      ),
    );
    expect(ambiguous.map((problem) => [problem.code, problem.elementId])).toEqual([
      ['AMBIGUOUS_START_EVENTS', 'b'],
    ]);
    const broken = problemsOf(
      await compileBpmn(zeebeProcess(zeebeStart('a', { 'baton:startCondition': '=1 +' }))),
    );
    expect(broken.map((problem) => [problem.code, problem.elementId])).toEqual([['FEEL_SYNTAX', 'a']]);
  });
});
