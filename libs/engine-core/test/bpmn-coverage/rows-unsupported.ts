// Coverage rows for what Baton does not run: deployment refuses each of them, naming the element,
// rather than accepting a model it would run wrongly.
import { definitionsXml, flowsXml } from './bpmn-xml';
import { type CoverageRow, end, start } from './coverage-row';

function rejected(
  element: string,
  notes: string,
  elementId: string,
  elementXml: string,
  topLevel = '',
): CoverageRow {
  return {
    element,
    notes,
    rejected: {
      elementId,
      xml: definitionsXml(
        `unsupported-${elementId}`,
        [
          start,
          elementXml,
          end,
          flowsXml([
            ['start', elementId],
            [elementId, 'end'],
          ]),
        ].join('\n'),
        topLevel,
      ),
    },
  };
}

export const unsupportedRows: readonly CoverageRow[] = [
  {
    element: 'Compensation event subprocess',
    notes: 'rejected at deploy (Zeebe does not run it either)',
    rejected: {
      elementId: 'on-compensation',
      xml: definitionsXml(
        'unsupported-compensation-start',
        [
          start,
          end,
          flowsXml([['start', 'end']]),
          `<bpmn:subProcess id="undo-all" triggeredByEvent="true"><bpmn:startEvent id="on-compensation"><bpmn:compensateEventDefinition /></bpmn:startEvent><bpmn:endEvent id="undone" />${flowsXml([['on-compensation', 'undone']])}</bpmn:subProcess>`,
        ].join('\n'),
      ),
    },
  },
  rejected(
    'Conditional events',
    'rejected at deploy',
    'condition',
    '<bpmn:intermediateCatchEvent id="condition"><bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression">=ready</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:intermediateCatchEvent>',
  ),
  rejected('Complex gateway', 'rejected at deploy', 'complex', '<bpmn:complexGateway id="complex" />'),
  rejected(
    'Transaction subprocess',
    'rejected at deploy',
    'transaction',
    `<bpmn:transaction id="transaction"><bpmn:startEvent id="t-start" /><bpmn:endEvent id="t-end" />${flowsXml([['t-start', 't-end']])}</bpmn:transaction>`,
  ),
  rejected(
    'Ad-hoc subprocess',
    'rejected at deploy',
    'adhoc',
    '<bpmn:adHocSubProcess id="adhoc"><bpmn:task id="anything" /></bpmn:adHocSubProcess>',
  ),
];
