// Coverage rows for Camunda 7 constructs Zeebe does not run but Camunda 7 models use.
import { definitionsXml, flowsXml, serviceTaskXml } from './bpmn-xml';
import { type CoverageRow, end, start } from './coverage-row';

export const camunda7Rows: readonly CoverageRow[] = [
  {
    element: 'Conditional and default sequence flows out of activities',
    notes:
      'as in Camunda 7: every unconditional flow and every true condition is taken, the default only when nothing else is; none → `CONDITION_ERROR` incident',
    scenario: {
      xml: definitionsXml(
        'activity-flows',
        [
          start,
          serviceTaskXml('review', 'review').replace(
            '<bpmn:serviceTask id="review"',
            '<bpmn:serviceTask id="review" default="review-to-manual"',
          ),
          '<bpmn:endEvent id="auto" />',
          '<bpmn:endEvent id="manual" />',
          flowsXml([
            ['start', 'review'],
            ['review', 'auto', '=score &gt; 600'],
            ['review', 'manual'],
          ]),
        ].join('\n'),
      ),
      drive: (world) => world.completeJob('review', { score: 720 }),
      expected: { state: 'COMPLETED', completed: ['review', 'auto'], notCompleted: ['manual'] },
    },
  },
  {
    element: 'Asynchronous continuations',
    notes:
      '`camunda:asyncBefore` / `camunda:asyncAfter`: the token waits as an engine job (a job definition an operator can suspend) before entering or after leaving the activity',
    scenario: {
      xml: definitionsXml(
        'async',
        [
          start,
          serviceTaskXml('charge').replace(
            '<bpmn:serviceTask id="charge"',
            '<bpmn:serviceTask id="charge" camunda:asyncBefore="true" camunda:asyncAfter="true"',
          ),
          end,
          flowsXml([
            ['start', 'charge'],
            ['charge', 'end'],
          ]),
        ].join('\n'),
      ),
      drive: (world) => {
        const steps = world.driveToEnd();
        const expectedSteps = ['async before charge', 'job charge', 'async after charge'];
        if (steps.join(', ') !== expectedSteps.join(', '))
          throw new Error(`expected ${expectedSteps.join(', ')}, took ${steps.join(', ')}`);
      },
      expected: { state: 'COMPLETED', completed: ['charge', 'end'] },
    },
  },
];
