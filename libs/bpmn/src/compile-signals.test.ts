// Signal events compile to the signal name the engine evaluates or broadcasts: start (process level
// and event subprocess), intermediate catch, boundary (interrupting or not), intermediate throw and
// end events; each way of getting a signal wrong is a problem naming the element.
import { compileBpmn } from './compile';
import type { ProcessModel } from './model';
import { onlyProcess, problemsOf } from './test-support';

const NAMESPACES =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="x"';

function document(body: string, signals = '<bpmn:signal id="go" name="go"/>'): string {
  return `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions ${NAMESPACES}><bpmn:process id="p" isExecutable="true">${body}</bpmn:process>${signals}</bpmn:definitions>`;
}

function flow(id: string, from: string, to: string): string {
  return `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"/>`;
}

const WORK =
  '<bpmn:serviceTask id="work"><bpmn:extensionElements><zeebe:taskDefinition type="work"/></bpmn:extensionElements></bpmn:serviceTask>';

async function compiled(xml: string): Promise<ProcessModel> {
  return onlyProcess(await compileBpmn(xml, { resourceName: 'signals.bpmn' }));
}

async function problems(xml: string) {
  return problemsOf(await compileBpmn(xml, { resourceName: 'signals.bpmn' }));
}

describe('signal events', () => {
  it('compiles every signal event kind with its signal name', async () => {
    const process = await compiled(
      document(
        '<bpmn:startEvent id="start"><bpmn:signalEventDefinition signalRef="go"/></bpmn:startEvent>' +
          '<bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="dynamic"/></bpmn:intermediateCatchEvent>' +
          WORK +
          '<bpmn:boundaryEvent id="stop" attachedToRef="work"><bpmn:signalEventDefinition signalRef="go"/></bpmn:boundaryEvent>' +
          '<bpmn:boundaryEvent id="note" attachedToRef="work" cancelActivity="false"><bpmn:signalEventDefinition signalRef="go"/></bpmn:boundaryEvent>' +
          '<bpmn:intermediateThrowEvent id="raise"><bpmn:signalEventDefinition signalRef="dynamic"/></bpmn:intermediateThrowEvent>' +
          '<bpmn:endEvent id="end"><bpmn:signalEventDefinition signalRef="go"/></bpmn:endEvent>' +
          '<bpmn:endEvent id="stopped"/><bpmn:endEvent id="noted"/>' +
          '<bpmn:subProcess id="on-go" triggeredByEvent="true"><bpmn:startEvent id="go-start" isInterrupting="false"><bpmn:signalEventDefinition signalRef="go"/></bpmn:startEvent><bpmn:endEvent id="go-end"/>' +
          flow('s1', 'go-start', 'go-end') +
          '</bpmn:subProcess>' +
          flow('f1', 'start', 'wait') +
          flow('f2', 'wait', 'work') +
          flow('f3', 'work', 'raise') +
          flow('f4', 'raise', 'end') +
          flow('f5', 'stop', 'stopped') +
          flow('f6', 'note', 'noted'),
        '<bpmn:signal id="go" name="go"/><bpmn:signal id="dynamic" name="=&quot;go-&quot; + region"/>',
      ),
    );
    const go = { name: { kind: 'static', value: 'go' } };
    const dynamic = { name: { kind: 'feel', expression: '"go-" + region' } };
    expect(process.elements['start']).toMatchObject({ kind: 'startEvent', signal: go });
    expect(process.elements['wait']).toMatchObject({ kind: 'intermediateCatchEvent', signal: dynamic });
    expect(process.elements['stop']).toMatchObject({
      kind: 'boundaryEvent',
      cancelActivity: true,
      trigger: { kind: 'signal', signal: go },
    });
    expect(process.elements['note']).toMatchObject({ cancelActivity: false, trigger: { kind: 'signal' } });
    expect(process.elements['raise']).toMatchObject({ kind: 'intermediateThrowEvent', signal: dynamic });
    expect(process.elements['end']).toMatchObject({ kind: 'endEvent', terminate: false, signal: go });
    expect(process.elements['go-start']).toMatchObject({
      kind: 'startEvent',
      interrupting: false,
      signal: go,
    });
    // A process whose only start is a signal start event has no none start event.
    expect(process.startEventIds).toEqual([]);
  });

  it('reports a signal event without a named signal', async () => {
    const found = await problems(
      document(
        '<bpmn:startEvent id="start"/><bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition/></bpmn:intermediateCatchEvent><bpmn:endEvent id="end"><bpmn:signalEventDefinition signalRef="nameless"/></bpmn:endEvent>' +
          flow('f1', 'start', 'wait') +
          flow('f2', 'wait', 'end'),
        '<bpmn:signal id="nameless"/>',
      ),
    );
    expect(found).toEqual([
      expect.objectContaining({ code: 'MISSING_SIGNAL', elementId: 'wait' }),
      expect.objectContaining({ code: 'MISSING_SIGNAL', elementId: 'end' }),
    ]);
  });

  it('refuses an expression as the name of a process-level signal start event, and two starts of one name', async () => {
    const expression = await problems(
      document(
        '<bpmn:startEvent id="start"><bpmn:signalEventDefinition signalRef="dynamic"/></bpmn:startEvent><bpmn:endEvent id="end"/>' +
          flow('f1', 'start', 'end'),
        '<bpmn:signal id="dynamic" name="=name"/>',
      ),
    );
    expect(expression).toEqual([
      expect.objectContaining({ code: 'INVALID_SIGNAL_START', elementId: 'start' }),
    ]);

    const twice = await problems(
      document(
        '<bpmn:startEvent id="a"><bpmn:signalEventDefinition signalRef="go"/></bpmn:startEvent><bpmn:startEvent id="b"><bpmn:signalEventDefinition signalRef="go"/></bpmn:startEvent><bpmn:endEvent id="end"/>' +
          flow('f1', 'a', 'end') +
          flow('f2', 'b', 'end'),
      ),
    );
    expect(twice).toEqual([expect.objectContaining({ code: 'INVALID_SIGNAL_START', elementId: 'b' })]);
  });

  it('reports a signal name expression that is not FEEL', async () => {
    const found = await problems(
      document(
        '<bpmn:startEvent id="start"/><bpmn:intermediateThrowEvent id="raise"><bpmn:signalEventDefinition signalRef="broken"/></bpmn:intermediateThrowEvent>' +
          flow('f1', 'start', 'raise'),
        '<bpmn:signal id="broken" name="=1 +"/>',
      ),
    );
    expect(found).toEqual([expect.objectContaining({ code: 'FEEL_SYNTAX', elementId: 'raise' })]);
  });
});
