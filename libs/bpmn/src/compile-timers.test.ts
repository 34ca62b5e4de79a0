// Timer events: timer start events and intermediate timer catch events compile to the kind and
// value of their timer; a static value is checked at deploy, FEEL and Camunda 7 expressions when
// the timer is armed; each way of getting one wrong is a problem naming the element.
import { compileBpmn } from './compile';
import type { ProcessModel, TimerDefinitionModel } from './model';
import { camunda7Process, onlyProcess, problemsOf, readFixture, zeebeProcess } from './test-support';

function timerOf(process: ProcessModel, id: string): TimerDefinitionModel | undefined {
  const node = process.elements[id];
  return node && 'timer' in node ? node.timer : undefined;
}

/** start → an intermediate catch event `x` with the given timer definition body → end. */
function catchEvent(definition: string): string {
  return zeebeProcess(
    `<bpmn:startEvent id="start"/><bpmn:intermediateCatchEvent id="x"><bpmn:timerEventDefinition id="x-def">${definition}</bpmn:timerEventDefinition></bpmn:intermediateCatchEvent><bpmn:endEvent id="end"/>` +
      '<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="x"/><bpmn:sequenceFlow id="f2" sourceRef="x" targetRef="end"/>',
  );
}

/** A timer start event `timer-start` with the given definition body → end. */
function timerStart(definition: string, extra = ''): string {
  return zeebeProcess(
    `<bpmn:startEvent id="timer-start"><bpmn:timerEventDefinition id="d">${definition}</bpmn:timerEventDefinition></bpmn:startEvent><bpmn:endEvent id="end"/>` +
      `<bpmn:sequenceFlow id="f1" sourceRef="timer-start" targetRef="end"/>${extra}`,
  );
}

const duration = (text: string) =>
  `<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">${text}</bpmn:timeDuration>`;
const date = (text: string) => `<bpmn:timeDate xsi:type="bpmn:tFormalExpression">${text}</bpmn:timeDate>`;
const cycle = (text: string) => `<bpmn:timeCycle xsi:type="bpmn:tFormalExpression">${text}</bpmn:timeCycle>`;

async function compile(xml: string) {
  return compileBpmn(xml, { resourceName: 'test.bpmn' });
}

describe('intermediate timer catch events', () => {
  it('compile with their duration or date, static or FEEL (timer-catch.bpmn)', async () => {
    const process = onlyProcess(await compile(readFixture('timer-catch.bpmn')));
    expect(process.elements['cooling-off']).toMatchObject({
      kind: 'intermediateCatchEvent',
      timer: { kind: 'duration', value: { kind: 'static', value: 'PT10S' } },
    });
    expect(timerOf(process, 'until-deadline')).toEqual({
      kind: 'date',
      value: { kind: 'feel', expression: 'deadline' },
    });
    expect(process.elements['cooling-off']).not.toHaveProperty('message');
  });

  it.each([
    [duration('PT10X'), "timeDuration of 'x': 'PT10X' is not an ISO 8601 duration"],
    [date('next monday'), "timeDate of 'x': 'next monday' is not an ISO 8601 date-time"],
    [cycle('R5/PT10S'), 'has a timeCycle timer; it takes timeDuration or timeDate'],
    ['', 'needs exactly one value, timeDuration or timeDate; found none'],
    [duration('PT1S') + date('2026-01-01T00:00:00Z'), 'found timeDuration and timeDate'],
  ])('refuse %s', async (definition, message) => {
    const found = problemsOf(await compile(catchEvent(definition)));
    expect(found).toEqual([
      { code: 'INVALID_TIMER', elementId: 'x', message: expect.stringContaining(message) },
    ]);
  });

  it('check the FEEL syntax at deploy', async () => {
    const found = problemsOf(await compile(catchEvent(duration('=duration("PT1S"'))));
    expect(found).toEqual([expect.objectContaining({ code: 'FEEL_SYNTAX', elementId: 'x' })]);
  });

  it('translate a Camunda 7 expression to FEEL', async () => {
    const xml = camunda7Process(
      '<bpmn:startEvent id="start"/><bpmn:intermediateCatchEvent id="x"><bpmn:timerEventDefinition id="x-def">' +
        duration('${waitTime}') +
        '</bpmn:timerEventDefinition></bpmn:intermediateCatchEvent><bpmn:endEvent id="end"/>' +
        '<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="x"/><bpmn:sequenceFlow id="f2" sourceRef="x" targetRef="end"/>',
    );
    expect(timerOf(onlyProcess(await compile(xml)), 'x')).toEqual({
      kind: 'duration',
      value: { kind: 'feel', expression: 'waitTime' },
    });
  });
});

describe('timer start events', () => {
  it('compile with their cycle, cron or date and are no none start events (timer-start.bpmn)', async () => {
    const process = onlyProcess(await compile(readFixture('timer-start.bpmn')));
    expect(process.startEventIds).toEqual([]);
    expect(timerOf(process, 'every-ten-seconds')).toEqual({
      kind: 'cycle',
      value: { kind: 'static', value: 'R5/PT10S' },
    });
    expect(timerOf(process, 'office-hours')).toEqual({
      kind: 'cycle',
      value: { kind: 'static', value: '0 0 9-17 * * MON-FRI' },
    });
    expect(timerOf(process, 'new-year')).toEqual({
      kind: 'date',
      value: { kind: 'static', value: '2030-01-01T00:00:00Z' },
    });
  });

  it('stand beside a none start event, which stays the one a plain start uses', async () => {
    const xml = timerStart(
      cycle('R/PT1H'),
      '<bpmn:startEvent id="manual"/><bpmn:sequenceFlow id="f2" sourceRef="manual" targetRef="end"/>',
    );
    expect(onlyProcess(await compile(xml)).startEventIds).toEqual(['manual']);
  });

  it.each([
    [cycle('R5/PT10'), "timeCycle of 'timer-start': the interval of 'R5/PT10'"],
    [cycle('0 0 9 * *'), 'expected 6 fields'],
    [cycle('0 0 25 * * *'), "'25' is not a valid hour"],
    [date('2026-02-30T00:00:00Z'), 'no such day'],
  ])('refuse %s', async (definition, message) => {
    const found = problemsOf(await compile(timerStart(definition)));
    expect(found).toEqual([
      { code: 'INVALID_TIMER', elementId: 'timer-start', message: expect.stringContaining(message) },
    ]);
  });

  it('are refused inside an embedded subprocess', async () => {
    const xml = zeebeProcess(
      '<bpmn:startEvent id="start"/><bpmn:subProcess id="sub"><bpmn:startEvent id="sub-start"/><bpmn:startEvent id="sub-timer"><bpmn:timerEventDefinition id="d">' +
        cycle('R/PT1H') +
        '</bpmn:timerEventDefinition></bpmn:startEvent></bpmn:subProcess><bpmn:endEvent id="end"/>' +
        '<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="sub"/><bpmn:sequenceFlow id="f2" sourceRef="sub" targetRef="end"/>',
    );
    expect(problemsOf(await compile(xml))).toEqual([
      expect.objectContaining({
        code: 'UNSUPPORTED_ELEMENT',
        elementId: 'sub-timer',
        message: expect.stringContaining('timer start event is only supported directly in a process'),
      }),
    ]);
  });
});

describe('timer boundary events', () => {
  it('compile as a timer trigger on their host (timer-boundary.bpmn)', async () => {
    const process = onlyProcess(await compile(readFixture('timer-boundary.bpmn')));
    expect(process.elements['work']?.boundaryEventIds).toEqual(['deadline', 'reminder']);
    expect(process.elements['deadline']).toMatchObject({
      kind: 'boundaryEvent',
      attachedToId: 'work',
      cancelActivity: true,
      trigger: { kind: 'timer', timer: { kind: 'duration', value: { kind: 'static', value: 'PT1H' } } },
    });
    expect(process.elements['reminder']).toMatchObject({
      cancelActivity: false,
      trigger: { kind: 'timer', timer: { kind: 'cycle', value: { kind: 'static', value: 'R2/PT10M' } } },
    });
  });

  it('refuse a cycle on an interrupting one, which fires once', async () => {
    const xml = zeebeProcess(
      '<bpmn:startEvent id="start"/><bpmn:task id="work"/><bpmn:endEvent id="end"/><bpmn:endEvent id="late"/>' +
        `<bpmn:boundaryEvent id="b" attachedToRef="work"><bpmn:timerEventDefinition id="d">${cycle('R/PT1H')}</bpmn:timerEventDefinition></bpmn:boundaryEvent>` +
        '<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work"/><bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end"/><bpmn:sequenceFlow id="f3" sourceRef="b" targetRef="late"/>',
    );
    expect(problemsOf(await compile(xml))).toEqual([
      {
        code: 'INVALID_TIMER',
        elementId: 'b',
        message: expect.stringContaining('has a timeCycle timer; it takes timeDuration or timeDate'),
      },
    ]);
  });
});

describe('timer start events evaluated at deployment', () => {
  it('accept FEEL that needs no variables, and refuse FEEL that does', async () => {
    const fromFeel = onlyProcess(await compile(timerStart(cycle('="R3/PT" + string(5) + "S"'))));
    expect(timerOf(fromFeel, 'timer-start')).toEqual({
      kind: 'cycle',
      value: { kind: 'feel', expression: '"R3/PT" + string(5) + "S"' },
    });
    expect(problemsOf(await compile(timerStart(cycle('=startCycle'))))).toEqual([
      {
        code: 'INVALID_TIMER',
        elementId: 'timer-start',
        message: expect.stringContaining(
          "timeCycle of 'timer-start' is evaluated when the process is deployed, without variables",
        ),
      },
    ]);
  });
});
