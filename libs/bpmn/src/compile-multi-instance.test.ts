// Multi-instance activities: bpmn:multiInstanceLoopCharacteristics with zeebe:loopCharacteristics
// (or Camunda 7's camunda:collection / loopCardinality) compile to the node's `multiInstance`;
// unusable characteristics are problems naming the activity.
import { compileBpmn } from './compile';
import { evaluateFeel } from './feel';
import { camunda7Process, onlyProcess, problemsOf, zeebeProcess } from './test-support';

function zeebeLoop(attributes: string, inner = '', sequential = false): string {
  return (
    `<bpmn:multiInstanceLoopCharacteristics isSequential="${sequential}">` +
    `<bpmn:extensionElements><zeebe:loopCharacteristics ${attributes}/></bpmn:extensionElements>${inner}` +
    '</bpmn:multiInstanceLoopCharacteristics>'
  );
}

function withActivity(activity: string, dialect = zeebeProcess): string {
  return dialect(
    '<bpmn:startEvent id="start"/>' +
      activity +
      '<bpmn:endEvent id="end"/>' +
      '<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work"/>' +
      '<bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end"/>',
  );
}

const JOB = '<bpmn:extensionElements><zeebe:taskDefinition type="work"/></bpmn:extensionElements>';

describe('multi-instance activities (Zeebe)', () => {
  it('compiles a parallel service task with its collections and completion condition', async () => {
    const loop = zeebeLoop(
      'inputCollection="= order.items" inputElement="item" outputCollection="results" outputElement="= { id: item.id }"',
      '<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">= numberOfCompletedInstances &gt;= 2</bpmn:completionCondition>',
    );
    const process = onlyProcess(
      await compileBpmn(withActivity(`<bpmn:serviceTask id="work">${JOB}${loop}</bpmn:serviceTask>`)),
    );
    expect(process.elements['work']).toMatchObject({
      kind: 'serviceTask',
      multiInstance: {
        sequential: false,
        inputCollection: 'order.items',
        inputElement: 'item',
        outputCollection: 'results',
        outputElement: '{ id: item.id }',
        completionCondition: 'numberOfCompletedInstances >= 2',
      },
    });
    expect(process.elements['end']?.multiInstance).toBeUndefined();
  });

  it.each([
    ['user task', '<bpmn:userTask id="work">LOOP</bpmn:userTask>'],
    ['receive-less task', '<bpmn:task id="work">LOOP</bpmn:task>'],
    [
      'script task',
      '<bpmn:scriptTask id="work"><bpmn:extensionElements><zeebe:script expression="=1" resultVariable="r"/></bpmn:extensionElements>LOOP</bpmn:scriptTask>',
    ],
    [
      'call activity',
      '<bpmn:callActivity id="work"><bpmn:extensionElements><zeebe:calledElement processId="child"/></bpmn:extensionElements>LOOP</bpmn:callActivity>',
    ],
    [
      'embedded subprocess',
      '<bpmn:subProcess id="work">LOOP<bpmn:startEvent id="s"/><bpmn:endEvent id="e"/><bpmn:sequenceFlow id="s1" sourceRef="s" targetRef="e"/></bpmn:subProcess>',
    ],
  ])('compiles a sequential multi-instance %s', async (_label, activity) => {
    const loop = zeebeLoop('inputCollection="=items"', '', true);
    const process = onlyProcess(await compileBpmn(withActivity(activity.replace('LOOP', loop))));
    expect(process.elements['work']?.multiInstance).toEqual({ sequential: true, inputCollection: 'items' });
  });

  it('reports a missing input collection, naming the activity', async () => {
    const loop = '<bpmn:multiInstanceLoopCharacteristics/>';
    const problems = problemsOf(
      await compileBpmn(withActivity(`<bpmn:serviceTask id="work">${JOB}${loop}</bpmn:serviceTask>`)),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'INVALID_MULTI_INSTANCE',
        elementId: 'work',
        message: expect.stringContaining('no input collection'),
      }),
    ]);
  });

  it('reports an output collection without output element, and a bad variable name', async () => {
    const loop = zeebeLoop('inputCollection="=items" inputElement="my item" outputCollection="results"');
    const problems = problemsOf(
      await compileBpmn(withActivity(`<bpmn:serviceTask id="work">${JOB}${loop}</bpmn:serviceTask>`)),
    );
    expect(problems.map((problem) => [problem.code, problem.elementId])).toEqual([
      ['INVALID_MULTI_INSTANCE', 'work'],
      ['INVALID_MULTI_INSTANCE', 'work'],
    ]);
    expect(problems.map((problem) => problem.message).join(' ')).toMatch(
      /'my item'.*not a variable name.*outputCollection and outputElement/,
    );
  });

  it('reports FEEL syntax errors of the input collection and completion condition', async () => {
    const loop = zeebeLoop(
      'inputCollection="=items[" ',
      '<bpmn:completionCondition>= done ==</bpmn:completionCondition>',
    );
    const problems = problemsOf(
      await compileBpmn(withActivity(`<bpmn:serviceTask id="work">${JOB}${loop}</bpmn:serviceTask>`)),
    );
    expect(problems.map((problem) => [problem.code, problem.elementId])).toEqual([
      ['FEEL_SYNTAX', 'work'],
      ['FEEL_SYNTAX', 'work'],
    ]);
  });
});

describe('multi-instance activities (Camunda 7)', () => {
  const EXTERNAL = 'camunda:type="external" camunda:topic="work"';

  it('reads camunda:collection, camunda:elementVariable and a ${…} completion condition', async () => {
    const loop =
      '<bpmn:multiInstanceLoopCharacteristics isSequential="true" camunda:collection="${items}" camunda:elementVariable="item">' +
      '<bpmn:completionCondition>${nrOfCompletedInstances &gt;= 2}</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics>';
    const process = onlyProcess(
      await compileBpmn(
        withActivity(`<bpmn:serviceTask id="work" ${EXTERNAL}>${loop}</bpmn:serviceTask>`, camunda7Process),
      ),
    );
    expect(process.elements['work']?.multiInstance).toEqual({
      sequential: true,
      inputCollection: 'items',
      inputElement: 'item',
      completionCondition: 'nrOfCompletedInstances >= 2',
    });
  });

  it('turns a loop cardinality into the collection 1..n (empty for 0)', async () => {
    const loop =
      '<bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>${count}</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>';
    const process = onlyProcess(
      await compileBpmn(
        withActivity(`<bpmn:serviceTask id="work" ${EXTERNAL}>${loop}</bpmn:serviceTask>`, camunda7Process),
      ),
    );
    const collection = process.elements['work']?.multiInstance?.inputCollection ?? '';
    expect(evaluateFeel(collection, { count: 3 })).toEqual({ ok: true, value: [1, 2, 3] });
    expect(evaluateFeel(collection, { count: 0 })).toEqual({ ok: true, value: [] });
  });
});
