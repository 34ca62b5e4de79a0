// Compensation compiles to each compensable activity's boundary event and handler (found through
// the association) and to what each throw or end event compensates; each way of getting it wrong
// that Zeebe refuses is a problem naming the element, and a compensation event subprocess is refused.
import { compileBpmn } from './compile';
import { onlyProcess, problemsOf, zeebeProcess } from './test-support';

const task = (id: string, attributes = '') =>
  `<bpmn:serviceTask id="${id}"${attributes}><bpmn:extensionElements><zeebe:taskDefinition type="${id}"/></bpmn:extensionElements></bpmn:serviceTask>`;
const boundary = (id: string, host: string) =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="${host}"><bpmn:compensateEventDefinition/></bpmn:boundaryEvent>`;
const association = (from: string, to: string) =>
  `<bpmn:association id="${from}-${to}" sourceRef="${from}" targetRef="${to}"/>`;
const flow = (from: string, to: string) =>
  `<bpmn:sequenceFlow id="${from}-${to}" sourceRef="${from}" targetRef="${to}"/>`;
const throwEvent = (id: string, activityRef?: string) =>
  `<bpmn:intermediateThrowEvent id="${id}"><bpmn:compensateEventDefinition${activityRef ? ` activityRef="${activityRef}"` : ''}/></bpmn:intermediateThrowEvent>`;

const BOOKING =
  '<bpmn:startEvent id="start"/>' +
  task('book') +
  boundary('book-compensation', 'book') +
  task('cancel', ' isForCompensation="true"') +
  association('book-compensation', 'cancel') +
  flow('start', 'book');

async function compile(body: string) {
  return compileBpmn(zeebeProcess(body), { resourceName: 'compensation.bpmn' });
}

describe('compensation events', () => {
  it('compiles handlers by compensable activity, throw events with and without activityRef, and end events', async () => {
    const process = onlyProcess(
      await compile(
        BOOKING +
          throwEvent('undo-book', 'book') +
          throwEvent('undo-all') +
          '<bpmn:endEvent id="end"><bpmn:compensateEventDefinition/></bpmn:endEvent>' +
          flow('book', 'undo-book') +
          flow('undo-book', 'undo-all') +
          flow('undo-all', 'end'),
      ),
    );
    expect(process.compensation).toEqual({
      handlers: { book: { boundaryEventId: 'book-compensation', handlerId: 'cancel' } },
    });
    expect(process.elements['book-compensation']).toMatchObject({ trigger: { kind: 'compensation' } });
    expect(process.elements['undo-book']).toMatchObject({ compensation: { activityRef: 'book' } });
    expect(process.elements['undo-all']).toMatchObject({ compensation: {} });
    expect(process.elements['end']).toMatchObject({ kind: 'endEvent', compensation: {} });
  });

  it('a process without compensation boundary events has no compensation model', async () => {
    const process = onlyProcess(await compile('<bpmn:startEvent id="start"/>' + throwEvent('nothing')));
    expect(process.compensation).toBeUndefined();
  });

  it('refuses a boundary event without handler, a handler with sequence flows and two compensation boundary events', async () => {
    const problems = problemsOf(
      await compile(
        '<bpmn:startEvent id="start"/>' +
          task('book') +
          boundary('lonely', 'book') +
          task('pay') +
          boundary('pay-compensation', 'pay') +
          boundary('pay-compensation-2', 'pay') +
          task('refund', ' isForCompensation="true"') +
          association('pay-compensation', 'refund') +
          association('pay-compensation-2', 'refund') +
          flow('start', 'book') +
          flow('book', 'pay') +
          flow('pay', 'refund'),
      ),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'INVALID_COMPENSATION', elementId: 'lonely' }),
        expect.objectContaining({ code: 'INVALID_COMPENSATION', elementId: 'pay-compensation-2' }),
        expect.objectContaining({ code: 'INVALID_COMPENSATION', elementId: 'refund' }),
      ]),
    );
  });

  it('refuses an activityRef outside the throw event’s scope or to an activity that is not compensable', async () => {
    const problems = problemsOf(
      await compile(
        BOOKING +
          task('plain') +
          throwEvent('undo-plain', 'plain') +
          '<bpmn:subProcess id="sub"><bpmn:startEvent id="sub-start"/>' +
          throwEvent('undo-outside', 'book') +
          flow('sub-start', 'undo-outside') +
          '</bpmn:subProcess>' +
          flow('book', 'plain') +
          flow('plain', 'undo-plain') +
          flow('undo-plain', 'sub'),
      ),
    );
    expect(problems).toEqual([
      expect.objectContaining({ code: 'INVALID_COMPENSATION', elementId: 'undo-plain' }),
      expect.objectContaining({ code: 'INVALID_COMPENSATION', elementId: 'undo-outside' }),
    ]);
  });

  it('lets an event subprocess compensate an activity of the scope around it', async () => {
    const process = onlyProcess(
      await compile(
        BOOKING +
          '<bpmn:subProcess id="on-error" triggeredByEvent="true"><bpmn:startEvent id="error-start"><bpmn:errorEventDefinition/></bpmn:startEvent>' +
          '<bpmn:endEvent id="roll-back"><bpmn:compensateEventDefinition activityRef="book"/></bpmn:endEvent>' +
          flow('error-start', 'roll-back') +
          '</bpmn:subProcess>',
      ),
    );
    expect(process.elements['roll-back']).toMatchObject({ compensation: { activityRef: 'book' } });
  });

  it('refuses a compensation event subprocess, as Zeebe does', async () => {
    const problems = problemsOf(
      await compile(
        BOOKING +
          '<bpmn:subProcess id="undo" triggeredByEvent="true"><bpmn:startEvent id="on-compensation"><bpmn:compensateEventDefinition/></bpmn:startEvent>' +
          '<bpmn:endEvent id="undone"/>' +
          flow('on-compensation', 'undone') +
          '</bpmn:subProcess>',
      ),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'UNSUPPORTED_ELEMENT', elementId: 'on-compensation' }),
      ]),
    );
  });
});
