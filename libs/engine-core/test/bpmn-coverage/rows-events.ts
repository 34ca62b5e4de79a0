// Coverage rows for events: messages, timers, errors, links, and call activities.
import { definitionsXml, flowsXml, messageXml, serviceTaskXml } from './bpmn-xml';
import { type CoverageRow, end, start } from './coverage-row';

const timerDuration = (value: string) =>
  `<bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">${value}</bpmn:timeDuration></bpmn:timerEventDefinition>`;
const timerCycle = (value: string) =>
  `<bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">${value}</bpmn:timeCycle></bpmn:timerEventDefinition>`;

export const eventRows: readonly CoverageRow[] = [
  {
    element: 'Intermediate message catch event, receive task',
    notes:
      '`zeebe:subscription correlationKey` in FEEL, evaluated on entry (Camunda 7: the processInstanceKey); `timeToLive` buffering, `messageId` de-duplication',
    scenario: {
      xml: definitionsXml(
        'message-catch',
        [
          start,
          '<bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="paid-message" /></bpmn:intermediateCatchEvent>',
          '<bpmn:receiveTask id="shipped" messageRef="shipped-message" />',
          end,
          flowsXml([
            ['start', 'paid'],
            ['paid', 'shipped'],
            ['shipped', 'end'],
          ]),
        ].join('\n'),
        messageXml('paid-message', 'paid', '=orderId') + messageXml('shipped-message', 'shipped', '=orderId'),
      ),
      variables: { orderId: 'A-1' },
      drive: (world) => {
        world.correlate('paid', { amount: 10 });
        world.correlate('shipped');
      },
      expected: { state: 'COMPLETED', completed: ['paid', 'shipped', 'end'], variables: { amount: 10 } },
    },
  },
  {
    element: 'Message boundary event',
    notes:
      'on tasks and embedded subprocesses; interrupting (the host and its contents end) and non-interrupting (triggers again on each message)',
    scenario: {
      xml: definitionsXml(
        'message-boundary',
        [
          start,
          serviceTaskXml('review'),
          '<bpmn:boundaryEvent id="remind" attachedToRef="review" cancelActivity="false"><bpmn:messageEventDefinition messageRef="remind-message" /></bpmn:boundaryEvent>',
          '<bpmn:boundaryEvent id="cancel" attachedToRef="review"><bpmn:messageEventDefinition messageRef="cancel-message" /></bpmn:boundaryEvent>',
          '<bpmn:task id="reminded" />',
          '<bpmn:endEvent id="reminder-end" />',
          '<bpmn:endEvent id="canceled" />',
          end,
          flowsXml([
            ['start', 'review'],
            ['review', 'end'],
            ['remind', 'reminded'],
            ['reminded', 'reminder-end'],
            ['cancel', 'canceled'],
          ]),
        ].join('\n'),
        messageXml('remind-message', 'remind', '=orderId') +
          messageXml('cancel-message', 'cancel', '=orderId'),
      ),
      variables: { orderId: 'A-2' },
      drive: (world) => {
        world.correlate('remind');
        world.correlate('cancel');
      },
      expected: {
        state: 'COMPLETED',
        completed: ['remind', 'reminded', 'cancel', 'canceled'],
        notCompleted: ['review', 'end'],
      },
    },
  },
  {
    element: 'Message intermediate throw event, message end event',
    notes:
      'as jobs (`zeebe:taskDefinition`), as Zeebe runs them; a none intermediate throw event passes through',
    scenario: {
      xml: definitionsXml(
        'message-throw',
        [
          start,
          '<bpmn:intermediateThrowEvent id="milestone" />',
          '<bpmn:intermediateThrowEvent id="tell"><bpmn:extensionElements><zeebe:taskDefinition type="tell" /></bpmn:extensionElements><bpmn:messageEventDefinition /></bpmn:intermediateThrowEvent>',
          '<bpmn:endEvent id="done"><bpmn:extensionElements><zeebe:taskDefinition type="done" /></bpmn:extensionElements><bpmn:messageEventDefinition /></bpmn:endEvent>',
          flowsXml([
            ['start', 'milestone'],
            ['milestone', 'tell'],
            ['tell', 'done'],
          ]),
        ].join('\n'),
      ),
      drive: (world) => {
        world.completeJob('tell');
        world.completeJob('done');
      },
      expected: { state: 'COMPLETED', completed: ['milestone', 'tell', 'done'] },
    },
  },
  {
    element: 'Timer intermediate catch event',
    notes: 'duration or date, FEEL allowed; durable, fires once, never early',
    scenario: {
      xml: definitionsXml(
        'timer-catch',
        [
          start,
          `<bpmn:intermediateCatchEvent id="cool-off">${timerDuration('PT10S')}</bpmn:intermediateCatchEvent>`,
          end,
          flowsXml([
            ['start', 'cool-off'],
            ['cool-off', 'end'],
          ]),
        ].join('\n'),
      ),
      drive: (world) => world.fireTimer('cool-off'),
      expected: { state: 'COMPLETED', completed: ['cool-off', 'end'] },
    },
  },
  {
    element: 'Timer boundary event',
    notes: 'interrupting: duration, date; non-interrupting: duration, cycle (`R2/PT10M`), date',
    scenario: {
      xml: definitionsXml(
        'timer-boundary',
        [
          start,
          serviceTaskXml('work'),
          `<bpmn:boundaryEvent id="nudge" attachedToRef="work" cancelActivity="false">${timerCycle('R2/PT10M')}</bpmn:boundaryEvent>`,
          `<bpmn:boundaryEvent id="deadline" attachedToRef="work">${timerDuration('PT1H')}</bpmn:boundaryEvent>`,
          '<bpmn:endEvent id="nudged" />',
          '<bpmn:endEvent id="late" />',
          end,
          flowsXml([
            ['start', 'work'],
            ['work', 'end'],
            ['nudge', 'nudged'],
            ['deadline', 'late'],
          ]),
        ].join('\n'),
      ),
      drive: (world) => {
        world.fireTimer('nudge');
        world.fireTimer('deadline');
      },
      expected: {
        state: 'COMPLETED',
        completed: ['nudge', 'nudged', 'deadline', 'late'],
        notCompleted: ['work'],
      },
    },
  },
  {
    element: 'Timer start event',
    notes:
      "date, ISO 8601 cycles (`R5/PT10S`, `R3/2026-01-01T09:00:00Z/P1D`), 6-field cron in UTC; a new version replaces the old version's start timers",
    scenario: {
      xml: definitionsXml(
        'timer-start',
        [
          `<bpmn:startEvent id="every-morning">${timerCycle('0 0 9 * * MON-FRI')}</bpmn:startEvent>`,
          serviceTaskXml('report'),
          end,
          flowsXml([
            ['every-morning', 'report'],
            ['report', 'end'],
          ]),
        ].join('\n'),
      ),
      // The scheduler starts an instance at the timer start event, as it does on each due date.
      startAt: 'every-morning',
      drive: (world) => world.completeJob('report'),
      expected: { state: 'COMPLETED', completed: ['every-morning', 'report', 'end'] },
    },
  },
  {
    element: 'Error boundary event, error end event, error event subprocess',
    notes:
      "by `errorCode` or catch-all; the nearest catch wins, an exact code before a catch-all at each level; error variables through the catch event's outputs; uncaught → `UNHANDLED_ERROR_EVENT` incident",
    scenario: {
      xml: definitionsXml(
        'errors',
        [
          start,
          serviceTaskXml('charge'),
          '<bpmn:boundaryEvent id="declined" attachedToRef="charge"><bpmn:errorEventDefinition errorRef="declined-error" /></bpmn:boundaryEvent>',
          '<bpmn:endEvent id="give-up"><bpmn:errorEventDefinition errorRef="gave-up-error" /></bpmn:endEvent>',
          end,
          `<bpmn:subProcess id="on-error" triggeredByEvent="true">
             <bpmn:startEvent id="on-error-start"><bpmn:errorEventDefinition /></bpmn:startEvent>
             <bpmn:endEvent id="on-error-end" />${flowsXml([['on-error-start', 'on-error-end']])}</bpmn:subProcess>`,
          flowsXml([
            ['start', 'charge'],
            ['charge', 'end'],
            ['declined', 'give-up'],
          ]),
        ].join('\n'),
        '<bpmn:error id="declined-error" errorCode="DECLINED" /><bpmn:error id="gave-up-error" errorCode="GAVE_UP" />',
      ),
      drive: (world) => world.throwError('charge', 'DECLINED'),
      expected: {
        state: 'COMPLETED',
        completed: ['declined', 'on-error-start', 'on-error-end'],
        notCompleted: ['charge', 'end'],
      },
    },
  },
  {
    element: 'Link intermediate throw and catch events',
    notes: 'within one scope',
    scenario: {
      xml: definitionsXml(
        'links',
        [
          start,
          '<bpmn:intermediateThrowEvent id="jump"><bpmn:linkEventDefinition name="next" /></bpmn:intermediateThrowEvent>',
          '<bpmn:intermediateCatchEvent id="land"><bpmn:linkEventDefinition name="next" /></bpmn:intermediateCatchEvent>',
          end,
          flowsXml([
            ['start', 'jump'],
            ['land', 'end'],
          ]),
        ].join('\n'),
      ),
      drive: () => undefined,
      expected: { state: 'COMPLETED', completed: ['jump', 'land', 'end'] },
    },
  },
  {
    element: 'Call activity',
    notes:
      '`zeebe:calledElement` (static or FEEL), latest version; input mappings or all variables in, outputs or `propagateAllChildVariables` out; the child links to its parent, the parent resumes when it completes, the child is canceled with the call activity',
    scenario: {
      xml: definitionsXml(
        'call',
        [
          start,
          '<bpmn:callActivity id="check"><bpmn:extensionElements><zeebe:calledElement processId="credit-check" propagateAllChildVariables="true" /></bpmn:extensionElements></bpmn:callActivity>',
          end,
          flowsXml([
            ['start', 'check'],
            ['check', 'end'],
          ]),
        ].join('\n'),
      ),
      drive: (world) => world.completeChild('check', { score: 710 }),
      expected: { state: 'COMPLETED', completed: ['check', 'end'], variables: { score: 710 } },
    },
  },
];
