// Coverage row for multi-instance activities: a parallel service task collecting one output per
// item, then a sequential user task that its completion condition ends early.
import { definitionsXml, flowsXml, serviceTaskXml } from './bpmn-xml';
import { type CoverageRow, end, start } from './coverage-row';

function multiInstanceXml(attributes: string, sequential: boolean, completionCondition?: string): string {
  const condition =
    completionCondition === undefined
      ? ''
      : `<bpmn:completionCondition>${completionCondition}</bpmn:completionCondition>`;
  return `<bpmn:multiInstanceLoopCharacteristics isSequential="${sequential}"><bpmn:extensionElements><zeebe:loopCharacteristics ${attributes} /></bpmn:extensionElements>${condition}</bpmn:multiInstanceLoopCharacteristics>`;
}

const parallelCheck = serviceTaskXml('check').replace(
  '</bpmn:serviceTask>',
  `${multiInstanceXml('inputCollection="=items" inputElement="item" outputCollection="scores" outputElement="=score"', false)}</bpmn:serviceTask>`,
);

const sequentialReview = `<bpmn:userTask id="review">${multiInstanceXml(
  'inputCollection="=reviewers" inputElement="reviewer" outputCollection="votes" outputElement="=approved"',
  true,
  '=approved',
)}</bpmn:userTask>`;

export const multiInstanceRows: readonly CoverageRow[] = [
  {
    element: 'Multi-instance activities (parallel, sequential)',
    notes:
      'tasks, call activities and embedded subprocesses; `zeebe:loopCharacteristics` input/output collection and element, `loopCounter`, completion condition (Camunda 7: `camunda:collection`, `loopCardinality`); boundary events on the body',
    scenario: {
      xml: definitionsXml(
        'multi-instance',
        [
          start,
          parallelCheck,
          sequentialReview,
          end,
          flowsXml([
            ['start', 'check'],
            ['check', 'review'],
            ['review', 'end'],
          ]),
        ].join('\n'),
      ),
      variables: { items: [1, 2, 3], reviewers: ['ana', 'ben', 'cy'] },
      drive: (world) => {
        const { driver } = world;
        if (Object.values(driver.current.jobs).length !== 3) throw new Error('not one job per item');
        for (let count = 0; count < 3; count++) {
          const item = driver.current.variables[driver.job('check').elementInstanceKey]?.['item'];
          world.completeJob('check', { score: Number(item) * 10 });
        }
        world.completeUserTask('review', { approved: false });
        world.completeUserTask('review', { approved: true });
      },
      expected: {
        state: 'COMPLETED',
        completed: ['check', 'review', 'end'],
        variables: { scores: [10, 20, 30], votes: [false, true, null] },
      },
    },
  },
];
