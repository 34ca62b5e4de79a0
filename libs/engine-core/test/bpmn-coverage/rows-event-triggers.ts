// Coverage rows for event-based gateways, message start events, message and timer event
// subprocesses, escalation events and signal events.
import { definitionsXml, flowsXml, messageXml, serviceTaskXml } from './bpmn-xml';
import { type CoverageRow, end, start } from './coverage-row';

const timer = (kind: 'timeDuration' | 'timeCycle', value: string) =>
  `<bpmn:timerEventDefinition><bpmn:${kind} xsi:type="bpmn:tFormalExpression">${value}</bpmn:${kind}></bpmn:timerEventDefinition>`;

export const eventTriggerRows: readonly CoverageRow[] = [
  {
    element: 'Event-based gateway',
    notes:
      'followed by message, signal and timer intermediate catch events and receive tasks; the first event wins, the other subscriptions close and timers are canceled; fewer than two flows, other targets or conditions are rejected at deploy',
    scenario: {
      xml: definitionsXml(
        'event-gateway',
        [
          start,
          '<bpmn:eventBasedGateway id="gateway" />',
          '<bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="paid-message" /></bpmn:intermediateCatchEvent>',
          `<bpmn:intermediateCatchEvent id="timeout">${timer('timeDuration', 'PT1H')}</bpmn:intermediateCatchEvent>`,
          end,
          '<bpmn:endEvent id="timed-out" />',
          flowsXml([
            ['start', 'gateway'],
            ['gateway', 'paid'],
            ['gateway', 'timeout'],
            ['paid', 'end'],
            ['timeout', 'timed-out'],
          ]),
        ].join('\n'),
        messageXml('paid-message', 'paid', '=orderId'),
      ),
      variables: { orderId: 'A-1' },
      drive: (world) => world.correlate('paid', { amount: 10 }),
      expected: {
        state: 'COMPLETED',
        completed: ['gateway', 'paid', 'end'],
        notCompleted: ['timeout', 'timed-out'],
        variables: { amount: 10 },
      },
    },
  },
  {
    element: 'Message start event',
    notes:
      'a published or correlated message starts a new instance of the latest version with its variables; one active instance per correlation key (the buffered message starts the next); a new version moves the subscription; beside a none start event',
    scenario: {
      xml: definitionsXml(
        'message-start',
        [
          start,
          '<bpmn:startEvent id="order-received"><bpmn:messageEventDefinition messageRef="order-message" /></bpmn:startEvent>',
          serviceTaskXml('handle'),
          end,
          flowsXml([
            ['start', 'handle'],
            ['order-received', 'handle'],
            ['handle', 'end'],
          ]),
        ].join('\n'),
        '<bpmn:message id="order-message" name="order-received" />',
      ),
      // The runtime starts an instance at the message start event when the message is published.
      startAt: 'order-received',
      drive: (world) => world.completeJob('handle'),
      expected: {
        state: 'COMPLETED',
        completed: ['order-received', 'handle', 'end'],
        notCompleted: ['start'],
      },
    },
  },
  {
    element: 'Message and timer event subprocesses',
    notes:
      'interrupting and non-interrupting; subscriptions (correlation key evaluated on entry) and timers armed while the enclosing process or subprocess runs; a non-interrupting cycle starts once per occurrence',
    scenario: {
      xml: definitionsXml(
        'event-subprocesses',
        [
          start,
          serviceTaskXml('work'),
          end,
          flowsXml([
            ['start', 'work'],
            ['work', 'end'],
          ]),
          '<bpmn:subProcess id="on-update" triggeredByEvent="true"><bpmn:startEvent id="update-start" isInterrupting="false"><bpmn:messageEventDefinition messageRef="update-message" /></bpmn:startEvent>',
          serviceTaskXml('apply-update'),
          '<bpmn:endEvent id="update-end" />',
          flowsXml([
            ['update-start', 'apply-update'],
            ['apply-update', 'update-end'],
          ]),
          '</bpmn:subProcess>',
          `<bpmn:subProcess id="on-deadline" triggeredByEvent="true"><bpmn:startEvent id="deadline-start">${timer('timeDuration', 'P1D')}</bpmn:startEvent><bpmn:endEvent id="deadline-end" />`,
          flowsXml([['deadline-start', 'deadline-end']]),
          '</bpmn:subProcess>',
        ].join('\n'),
        messageXml('update-message', 'order-updated', '=orderId'),
      ),
      variables: { orderId: 'A-1' },
      drive: (world) => {
        world.correlate('update-start', { address: 'new' });
        world.completeJob('apply-update');
        world.fireTimer('deadline-start');
      },
      expected: {
        state: 'COMPLETED',
        completed: ['update-start', 'apply-update', 'on-update', 'deadline-start', 'on-deadline'],
        notCompleted: ['work', 'end'],
        variables: { address: 'new' },
      },
    },
  },
  {
    element: 'Escalation events',
    notes:
      'intermediate throw and end events; boundary events on subprocesses and call activities and event subprocesses catch them, interrupting or not, by `escalationCode` or catch-all; from a called child up to the parent; uncaught, the process goes on',
    scenario: {
      xml: definitionsXml(
        'escalations',
        [
          start,
          '<bpmn:subProcess id="handle"><bpmn:startEvent id="handle-start" /><bpmn:intermediateThrowEvent id="late"><bpmn:escalationEventDefinition escalationRef="late-escalation" /></bpmn:intermediateThrowEvent>',
          serviceTaskXml('work'),
          '<bpmn:endEvent id="handle-end" />',
          flowsXml([
            ['handle-start', 'late'],
            ['late', 'work'],
            ['work', 'handle-end'],
          ]),
          '</bpmn:subProcess>',
          '<bpmn:boundaryEvent id="on-late" attachedToRef="handle" cancelActivity="false"><bpmn:escalationEventDefinition escalationRef="late-escalation" /></bpmn:boundaryEvent>',
          serviceTaskXml('inform'),
          '<bpmn:endEvent id="informed" />',
          end,
          flowsXml([
            ['start', 'handle'],
            ['handle', 'end'],
            ['on-late', 'inform'],
            ['inform', 'informed'],
          ]),
        ].join('\n'),
        '<bpmn:escalation id="late-escalation" escalationCode="LATE" />',
      ),
      drive: (world) => {
        world.completeJob('inform');
        world.completeJob('work');
      },
      expected: { state: 'COMPLETED', completed: ['late', 'on-late', 'inform', 'work', 'handle', 'end'] },
    },
  },
  {
    element: 'Signal events',
    notes:
      'start (one instance per broadcast and process, latest version), intermediate catch, boundary (interrupting or not) and event subprocess start events wait for `POST /v2/signals/broadcast` or a signal throw or end event of any instance (input mappings are the signal variables); names may be FEEL except on process-level start events',
    scenario: {
      xml: definitionsXml(
        'signal-events',
        [
          start,
          serviceTaskXml('work'),
          '<bpmn:boundaryEvent id="note" attachedToRef="work" cancelActivity="false"><bpmn:signalEventDefinition signalRef="note-signal" /></bpmn:boundaryEvent>',
          '<bpmn:endEvent id="noted" />',
          '<bpmn:intermediateCatchEvent id="wait-go"><bpmn:signalEventDefinition signalRef="go-signal" /></bpmn:intermediateCatchEvent>',
          '<bpmn:endEvent id="end"><bpmn:signalEventDefinition signalRef="done-signal" /></bpmn:endEvent>',
          flowsXml([
            ['start', 'work'],
            ['note', 'noted'],
            ['work', 'wait-go'],
            ['wait-go', 'end'],
          ]),
        ].join('\n'),
        [
          '<bpmn:signal id="note-signal" name="note" />',
          '<bpmn:signal id="go-signal" name="=&quot;go-&quot; + region" />',
          '<bpmn:signal id="done-signal" name="done" />',
        ].join('\n'),
      ),
      variables: { region: 'north' },
      drive: (world) => {
        world.broadcast('note', { noted: true });
        world.completeJob('work');
        world.broadcast('go-north', { go: 1 });
      },
      expected: {
        state: 'COMPLETED',
        completed: ['note', 'noted', 'work', 'wait-go', 'end'],
        variables: { noted: true, go: 1 },
      },
    },
  },
];
