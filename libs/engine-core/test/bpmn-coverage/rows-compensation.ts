// Coverage rows for compensation (Camunda 8.5+ semantics): compensation boundary events with their
// handlers, compensation throw and end events.
import { definitionsXml, flowsXml, serviceTaskXml } from './bpmn-xml';
import { type CoverageRow, end, start } from './coverage-row';

export const compensationRows: readonly CoverageRow[] = [
  {
    element: 'Compensation events',
    notes:
      'compensation boundary events with their handler (an activity marked isForCompensation, joined by an association); intermediate throw and end events invoke at once the handlers of every completed activity of their scope, or of one (activityRef), and wait for them; completed embedded subprocesses are compensated with what they hold; a multi-instance activity’s handler runs once; from an event subprocess they reach the scope around it; compensation event subprocesses are rejected at deploy, as in Zeebe',
    scenario: {
      xml: definitionsXml(
        'compensation',
        [
          start,
          serviceTaskXml('book'),
          '<bpmn:boundaryEvent id="book-compensation" attachedToRef="book"><bpmn:compensateEventDefinition /></bpmn:boundaryEvent>',
          '<bpmn:serviceTask id="cancel-booking" isForCompensation="true"><bpmn:extensionElements><zeebe:taskDefinition type="cancel-booking" /></bpmn:extensionElements></bpmn:serviceTask>',
          '<bpmn:association id="book-undone-by" associationDirection="One" sourceRef="book-compensation" targetRef="cancel-booking" />',
          '<bpmn:intermediateThrowEvent id="compensate"><bpmn:compensateEventDefinition /></bpmn:intermediateThrowEvent>',
          end,
          flowsXml([
            ['start', 'book'],
            ['book', 'compensate'],
            ['compensate', 'end'],
          ]),
        ].join('\n'),
      ),
      drive: (world) => {
        world.completeJob('book');
        world.completeJob('cancel-booking');
      },
      expected: {
        state: 'COMPLETED',
        completed: ['book', 'book-compensation', 'cancel-booking', 'compensate', 'end'],
      },
    },
  },
];
