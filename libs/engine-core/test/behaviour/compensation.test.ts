// Compensation with Camunda 8.5+ (Zeebe) semantics: a compensation throw or end event invokes at
// once the handler of every completed compensable activity of its scope (or of its activityRef),
// including those inside completed subprocesses and multi-instance bodies, waits for them, then
// goes on. Handlers run in the throw event's scope; each completed activity is compensated once.
import { compileBpmn } from '@baton/bpmn';
import { InstanceDriver } from '../support/driver';

const NAMESPACES =
  'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="t"';

function definitions(body: string, topLevel = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions ${NAMESPACES}><bpmn:process id="p" isExecutable="true">${body}</bpmn:process>${topLevel}</bpmn:definitions>`;
}

function task(id: string, attributes = '', extra = ''): string {
  return `<bpmn:serviceTask id="${id}"${attributes}><bpmn:extensionElements><zeebe:taskDefinition type="${id}"/>${extra}</bpmn:extensionElements></bpmn:serviceTask>`;
}

/** A service task with a compensation boundary event joined to its handler `undo-<id>`. */
function compensable(id: string, { attributes = '', handlerExtra = '' } = {}): string {
  return (
    task(id, attributes) +
    `<bpmn:boundaryEvent id="${id}-compensation" attachedToRef="${id}"><bpmn:compensateEventDefinition/></bpmn:boundaryEvent>` +
    task(`undo-${id}`, ' isForCompensation="true"', handlerExtra) +
    `<bpmn:association id="${id}-undone-by" associationDirection="One" sourceRef="${id}-compensation" targetRef="undo-${id}"/>`
  );
}

function throwEvent(id: string, activityRef?: string): string {
  const ref = activityRef === undefined ? '' : ` activityRef="${activityRef}"`;
  return `<bpmn:intermediateThrowEvent id="${id}"><bpmn:compensateEventDefinition${ref}/></bpmn:intermediateThrowEvent>`;
}

function flows(...pairs: readonly (readonly [string, string, string?])[]): string {
  return pairs
    .map(([from, to, condition]) =>
      condition === undefined
        ? `<bpmn:sequenceFlow id="flow-${from}-${to}" sourceRef="${from}" targetRef="${to}"/>`
        : `<bpmn:sequenceFlow id="flow-${from}-${to}" sourceRef="${from}" targetRef="${to}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>`,
    )
    .join('');
}

async function started(body: string, variables: Record<string, unknown> = {}, topLevel = '') {
  const result = await compileBpmn(definitions(body, topLevel), { resourceName: 'compensation.bpmn' });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  const driver = new InstanceDriver(result.processes[0] as NonNullable<(typeof result.processes)[0]>);
  driver.create(variables);
  return driver;
}

/** Element ids of the open jobs, sorted. */
function openJobs(driver: InstanceDriver): string[] {
  return Object.values(driver.current.jobs)
    .filter((job) => job.state === 'ACTIVATABLE')
    .map((job) => job.elementId)
    .sort();
}

const START = '<bpmn:startEvent id="start"/>';
const END = '<bpmn:endEvent id="end"/>';

describe('compensation', () => {
  it('a throw event invokes every completed activity’s handler at once and waits for all of them', async () => {
    const driver = await started(
      START +
        compensable('book-hotel') +
        compensable('book-flight') +
        throwEvent('compensate') +
        END +
        flows(
          ['start', 'book-hotel'],
          ['book-hotel', 'book-flight'],
          ['book-flight', 'compensate'],
          ['compensate', 'end'],
        ),
    );
    driver.completeJob('book-hotel');
    driver.completeJob('book-flight');
    expect(openJobs(driver)).toEqual(['undo-book-flight', 'undo-book-hotel']);
    // Newest completion first: the flight's handler got the earlier key.
    expect(Number(driver.job('undo-book-flight').jobKey)).toBeLessThan(
      Number(driver.job('undo-book-hotel').jobKey),
    );
    expect(driver.liveTokens()).toEqual([
      'compensate:ACTIVE',
      'undo-book-flight:ACTIVE',
      'undo-book-hotel:ACTIVE',
    ]);
    expect(driver.tokens()).toEqual(
      expect.arrayContaining([{ elementId: 'undo-book-hotel', state: 'ACTIVE', parent: 'compensate' }]),
    );

    driver.completeJob('undo-book-flight');
    expect(driver.liveTokens()).toEqual(['compensate:ACTIVE', 'undo-book-hotel:ACTIVE']);
    driver.completeJob('undo-book-hotel');
    expect(driver.current.state).toBe('COMPLETED');
    const completed = driver.current.completedElementIds ?? [];
    expect(completed).toEqual(
      expect.arrayContaining(['book-hotel-compensation', 'book-flight-compensation', 'undo-book-hotel']),
    );
    expect(completed.indexOf('compensate')).toBeGreaterThan(completed.indexOf('undo-book-hotel'));
    expect(driver.current.compensations).toBeUndefined();
  });

  it('activityRef compensates that activity only; a later throw compensates the rest, never one twice', async () => {
    const driver = await started(
      START +
        compensable('a') +
        compensable('b') +
        throwEvent('undo-just-a', 'a') +
        throwEvent('undo-the-rest') +
        END +
        flows(
          ['start', 'a'],
          ['a', 'b'],
          ['b', 'undo-just-a'],
          ['undo-just-a', 'undo-the-rest'],
          ['undo-the-rest', 'end'],
        ),
    );
    driver.completeJob('a');
    driver.completeJob('b');
    expect(openJobs(driver)).toEqual(['undo-a']);
    driver.completeJob('undo-a');
    expect(openJobs(driver)).toEqual(['undo-b']);
    driver.completeJob('undo-b');
    expect(driver.current.state).toBe('COMPLETED');
  });

  it('a compensation end event ends once its handlers completed; an activity completed twice is compensated twice', async () => {
    const driver = await started(
      START +
        compensable('charge') +
        '<bpmn:exclusiveGateway id="again" default="again-done"/>' +
        '<bpmn:endEvent id="done"><bpmn:compensateEventDefinition/></bpmn:endEvent>' +
        flows(['start', 'charge'], ['charge', 'again'], ['again', 'charge', '=round &lt; 2']) +
        '<bpmn:sequenceFlow id="again-done" sourceRef="again" targetRef="done"/>',
    );
    driver.completeJob('charge', { round: 1 });
    driver.completeJob('charge', { round: 2 });
    expect(Object.values(driver.current.jobs).filter((job) => job.elementId === 'undo-charge')).toHaveLength(
      2,
    );
    expect(driver.liveTokens()).toEqual(['done:ACTIVE', 'undo-charge:ACTIVE', 'undo-charge:ACTIVE']);
    driver.completeJob('undo-charge');
    expect(driver.current.state).toBe('ACTIVE');
    driver.completeJob('undo-charge');
    expect(driver.current.state).toBe('COMPLETED');
  });

  it('nothing completed to compensate: the throw event passes through', async () => {
    const driver = await started(
      START +
        throwEvent('compensate') +
        compensable('a') +
        END +
        flows(['start', 'compensate'], ['compensate', 'a'], ['a', 'end']),
    );
    expect(driver.current.completedElementIds).toContain('compensate');
    expect(openJobs(driver)).toEqual(['a']);
  });

  it('a completed embedded subprocess is compensated with the activities it holds; handlers run in the throw event’s scope', async () => {
    const driver = await started(
      START +
        '<bpmn:subProcess id="sub"><bpmn:startEvent id="sub-start"/>' +
        compensable('inner') +
        '<bpmn:endEvent id="sub-end"/>' +
        flows(['sub-start', 'inner'], ['inner', 'sub-end']) +
        '</bpmn:subProcess>' +
        compensable('outer') +
        throwEvent('compensate') +
        END +
        flows(['start', 'sub'], ['sub', 'outer'], ['outer', 'compensate'], ['compensate', 'end']),
    );
    driver.completeJob('inner');
    driver.completeJob('outer');
    expect(openJobs(driver)).toEqual(['undo-inner', 'undo-outer']);
    const handler = Object.values(driver.current.elementInstances).find(
      (one) => one.elementId === 'undo-inner',
    );
    expect(handler?.flowScopeKey).toBe(driver.processInstanceKey);
    driver.completeJob('undo-inner');
    driver.completeJob('undo-outer');
    expect(driver.current.state).toBe('COMPLETED');
  });

  it('a throw event inside a subprocess compensates only what completed inside it', async () => {
    const driver = await started(
      START +
        compensable('before') +
        '<bpmn:subProcess id="sub"><bpmn:startEvent id="sub-start"/>' +
        compensable('inner') +
        throwEvent('sub-compensate') +
        '<bpmn:endEvent id="sub-end"/>' +
        flows(['sub-start', 'inner'], ['inner', 'sub-compensate'], ['sub-compensate', 'sub-end']) +
        '</bpmn:subProcess>' +
        END +
        flows(['start', 'before'], ['before', 'sub'], ['sub', 'end']),
    );
    driver.completeJob('before');
    driver.completeJob('inner');
    expect(openJobs(driver)).toEqual(['undo-inner']);
    driver.completeJob('undo-inner');
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.current.completedElementIds).not.toContain('undo-before');
  });

  it('multi-instance: the handler of a multi-instance activity runs once; inside a multi-instance subprocess once per inner instance', async () => {
    const loop =
      '<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=items" inputElement="item"/></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>';
    const driver = await started(
      START +
        `<bpmn:serviceTask id="each"><bpmn:extensionElements><zeebe:taskDefinition type="each"/></bpmn:extensionElements>${loop}</bpmn:serviceTask>` +
        '<bpmn:boundaryEvent id="each-compensation" attachedToRef="each"><bpmn:compensateEventDefinition/></bpmn:boundaryEvent>' +
        task('undo-each', ' isForCompensation="true"') +
        '<bpmn:association id="each-undone-by" sourceRef="each-compensation" targetRef="undo-each"/>' +
        `<bpmn:subProcess id="per-item">${loop}<bpmn:startEvent id="item-start"/>` +
        compensable('reserve') +
        '<bpmn:endEvent id="item-end"/>' +
        flows(['item-start', 'reserve'], ['reserve', 'item-end']) +
        '</bpmn:subProcess>' +
        throwEvent('compensate') +
        END +
        flows(['start', 'each'], ['each', 'per-item'], ['per-item', 'compensate'], ['compensate', 'end']),
      { items: [1, 2, 3] },
    );
    for (let index = 0; index < 3; index++) driver.completeJob('each');
    for (let index = 0; index < 3; index++) driver.completeJob('reserve');
    expect(openJobs(driver)).toEqual(['undo-each', 'undo-reserve', 'undo-reserve', 'undo-reserve']);
    for (const elementId of openJobs(driver)) driver.completeJob(elementId);
    expect(driver.current.state).toBe('COMPLETED');
  });

  it('an embedded subprocess as handler runs its steps; a multi-instance handler once per item', async () => {
    const loop =
      '<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=parcels" inputElement="parcel"/></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>';
    const driver = await started(
      START +
        task('ship') +
        '<bpmn:boundaryEvent id="ship-compensation" attachedToRef="ship"><bpmn:compensateEventDefinition/></bpmn:boundaryEvent>' +
        '<bpmn:subProcess id="unship" isForCompensation="true"><bpmn:startEvent id="unship-start"/>' +
        task('recall') +
        task('restock') +
        '<bpmn:endEvent id="unship-end"/>' +
        flows(['unship-start', 'recall'], ['recall', 'restock'], ['restock', 'unship-end']) +
        '</bpmn:subProcess>' +
        '<bpmn:association id="ship-undone-by" sourceRef="ship-compensation" targetRef="unship"/>' +
        task('label') +
        '<bpmn:boundaryEvent id="label-compensation" attachedToRef="label"><bpmn:compensateEventDefinition/></bpmn:boundaryEvent>' +
        `<bpmn:serviceTask id="void-label" isForCompensation="true"><bpmn:extensionElements><zeebe:taskDefinition type="void-label"/></bpmn:extensionElements>${loop}</bpmn:serviceTask>` +
        '<bpmn:association id="label-undone-by" sourceRef="label-compensation" targetRef="void-label"/>' +
        '<bpmn:endEvent id="end"><bpmn:compensateEventDefinition/></bpmn:endEvent>' +
        flows(['start', 'ship'], ['ship', 'label'], ['label', 'end']),
      { parcels: ['p1', 'p2'] },
    );
    driver.completeJob('ship');
    driver.completeJob('label');
    expect(openJobs(driver)).toEqual(['recall', 'void-label', 'void-label']);
    driver.completeJob('recall');
    expect(openJobs(driver)).toEqual(['restock', 'void-label', 'void-label']);
    driver.completeJob('void-label');
    driver.completeJob('void-label');
    expect(driver.current.state).toBe('ACTIVE');
    driver.completeJob('restock');
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.current.completedElementIds).toEqual(
      expect.arrayContaining(['unship', 'void-label', 'end']),
    );
  });

  it('a call activity as handler starts the undo process and completes with it', async () => {
    const driver = await started(
      START +
        task('order') +
        '<bpmn:boundaryEvent id="order-compensation" attachedToRef="order"><bpmn:compensateEventDefinition/></bpmn:boundaryEvent>' +
        '<bpmn:callActivity id="cancel-order" isForCompensation="true"><bpmn:extensionElements><zeebe:calledElement processId="cancel-order-process"/></bpmn:extensionElements></bpmn:callActivity>' +
        '<bpmn:association id="order-undone-by" sourceRef="order-compensation" targetRef="cancel-order"/>' +
        throwEvent('compensate') +
        END +
        flows(['start', 'order'], ['order', 'compensate'], ['compensate', 'end']),
      { orderId: 'o-7' },
    );
    driver.completeJob('order');
    const [request] = driver.effects('CHILD_INSTANCE_REQUESTED');
    expect(request).toMatchObject({
      processDefinitionId: 'cancel-order-process',
      variables: { orderId: 'o-7' },
    });
    driver.send({
      type: 'CHILD_INSTANCE_COMPLETED',
      elementInstanceKey: request?.parentElementInstanceKey ?? '',
      childProcessInstanceKey: request?.childProcessInstanceKey ?? '',
      variables: { cancelled: true },
    });
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.rootVariables()).toMatchObject({ cancelled: true });
  });

  it('what completed in a terminated subprocess is never compensated', async () => {
    const driver = await started(
      START +
        '<bpmn:subProcess id="sub"><bpmn:startEvent id="sub-start"/>' +
        compensable('inner') +
        task('wait') +
        '<bpmn:endEvent id="sub-end"/>' +
        flows(['sub-start', 'inner'], ['inner', 'wait'], ['wait', 'sub-end']) +
        '</bpmn:subProcess>' +
        '<bpmn:boundaryEvent id="failed" attachedToRef="sub"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>' +
        throwEvent('compensate') +
        END +
        '<bpmn:endEvent id="fine"/>' +
        flows(['start', 'sub'], ['sub', 'fine'], ['failed', 'compensate'], ['compensate', 'end']),
    );
    driver.completeJob('inner');
    expect(driver.current.compensations).toHaveLength(1);
    driver.send({ type: 'THROW_ERROR', jobKey: driver.job('wait').jobKey, errorCode: 'FAILED' });
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.current.completedElementIds).not.toContain('undo-inner');
  });

  it('from an error event subprocess: the compensation end event compensates the scope around it', async () => {
    const driver = await started(
      START +
        compensable('pay') +
        task('ship') +
        END +
        flows(['start', 'pay'], ['pay', 'ship'], ['ship', 'end']) +
        '<bpmn:subProcess id="on-failure" triggeredByEvent="true"><bpmn:startEvent id="failure"><bpmn:errorEventDefinition/></bpmn:startEvent>' +
        '<bpmn:endEvent id="roll-back"><bpmn:compensateEventDefinition/></bpmn:endEvent>' +
        flows(['failure', 'roll-back']) +
        '</bpmn:subProcess>',
    );
    driver.completeJob('pay');
    driver.send({ type: 'THROW_ERROR', jobKey: driver.job('ship').jobKey, errorCode: 'NO_STOCK' });
    expect(openJobs(driver)).toEqual(['undo-pay']);
    driver.completeJob('undo-pay');
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.current.completedElementIds).toEqual(expect.arrayContaining(['roll-back', 'on-failure']));
  });

  it('what completed inside an event subprocess is not compensated from outside it, as in Zeebe', async () => {
    const driver = await started(
      START +
        task('work') +
        throwEvent('compensate') +
        END +
        flows(['start', 'work'], ['work', 'compensate'], ['compensate', 'end']) +
        '<bpmn:subProcess id="reminder" triggeredByEvent="true"><bpmn:startEvent id="hourly" isInterrupting="false"><bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>' +
        compensable('remind') +
        '<bpmn:endEvent id="reminded"/>' +
        flows(['hourly', 'remind'], ['remind', 'reminded']) +
        '</bpmn:subProcess>',
    );
    const [scheduled] = driver.effects('TIMER_SCHEDULED');
    driver.send({ type: 'TRIGGER_TIMER', timerKey: scheduled?.timer.timerKey ?? '' });
    driver.completeJob('remind');
    expect(driver.current.completedElementIds).toContain('reminder');
    expect(driver.current.compensations).toBeUndefined();
    driver.completeJob('work');
    expect(driver.current.state).toBe('COMPLETED');
    expect(driver.current.completedElementIds).not.toContain('undo-remind');
  });

  it('a handler’s mappings read and write the variables of the throw event’s scope', async () => {
    const driver = await started(
      START +
        compensable('charge', {
          handlerExtra:
            '<zeebe:ioMapping><zeebe:input source="=amount" target="refund"/><zeebe:output source="=refundId" target="refunded"/></zeebe:ioMapping>',
        }) +
        throwEvent('compensate') +
        END +
        flows(['start', 'charge'], ['charge', 'compensate'], ['compensate', 'end']),
      { amount: 40 },
    );
    driver.completeJob('charge');
    const handler = Object.values(driver.current.elementInstances).find(
      (one) => one.elementId === 'undo-charge',
    );
    expect(driver.current.variables[handler?.key ?? '']).toEqual({ refund: 40 });
    driver.completeJob('undo-charge', { refundId: 'R-1' });
    expect(driver.rootVariables()).toMatchObject({ amount: 40, refunded: 'R-1' });
  });

  it('cancelling the instance while handlers run ends them and forgets what was to compensate', async () => {
    const driver = await started(
      START +
        compensable('a') +
        throwEvent('compensate') +
        END +
        flows(['start', 'a'], ['a', 'compensate'], ['compensate', 'end']),
    );
    driver.completeJob('a');
    driver.send({ type: 'CANCEL_INSTANCE' });
    expect(driver.current.state).toBe('TERMINATED');
    expect(openJobs(driver)).toEqual([]);
    expect(driver.current.compensations).toBeUndefined();
  });

  it('an instance of a process without compensation carries no compensation state', async () => {
    const driver = await started(START + task('a') + END + flows(['start', 'a'], ['a', 'end']));
    driver.completeJob('a');
    expect(driver.current.state).toBe('COMPLETED');
    expect('compensations' in driver.current).toBe(false);
  });
});
