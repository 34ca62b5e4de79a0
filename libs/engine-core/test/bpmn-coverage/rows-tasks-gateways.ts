// Coverage rows for tasks, gateways and subprocesses as scopes.
import { definitionsXml, flowsXml, serviceTaskXml } from './bpmn-xml';
import { type CoverageRow, end, start } from './coverage-row';
import { RISK_DECISIONS } from './risk-decisions';

export const taskAndGatewayRows: readonly CoverageRow[] = [
  {
    element: 'None start event, none end event, terminate end event',
    notes: 'a terminate end ends every other path of its scope',
    scenario: {
      xml: definitionsXml(
        'terminate',
        [
          start,
          '<bpmn:parallelGateway id="fork" />',
          serviceTaskXml('slow'),
          '<bpmn:endEvent id="stop"><bpmn:terminateEventDefinition /></bpmn:endEvent>',
          end,
          flowsXml([
            ['start', 'fork'],
            ['fork', 'slow'],
            ['fork', 'stop'],
            ['slow', 'end'],
          ]),
        ].join('\n'),
      ),
      drive: () => undefined,
      expected: { state: 'COMPLETED', completed: ['start', 'fork', 'stop'], notCompleted: ['slow', 'end'] },
    },
  },
  {
    element: 'Service, send and business-rule tasks as jobs',
    notes:
      '`zeebe:taskDefinition` (or Camunda 7 `camunda:type="external"` + `camunda:topic`); task headers, `zeebe:ioMapping`, retries',
    scenario: {
      xml: definitionsXml(
        'service',
        [
          start,
          serviceTaskXml(
            'charge',
            'charge',
            '<zeebe:ioMapping><zeebe:input source="=amount * 2" target="doubled" /><zeebe:output source="=receipt.id" target="receiptId" /></zeebe:ioMapping>',
          ),
          '<bpmn:sendTask id="notify"><bpmn:extensionElements><zeebe:taskDefinition type="notify" /></bpmn:extensionElements></bpmn:sendTask>',
          end,
          flowsXml([
            ['start', 'charge'],
            ['charge', 'notify'],
            ['notify', 'end'],
          ]),
        ].join('\n'),
      ),
      variables: { amount: 21 },
      drive: (world) => {
        if (world.localVariables('charge')['doubled'] !== 42) throw new Error('input mapping not applied');
        world.completeJob('charge', { receipt: { id: 'R-1' } });
        world.completeJob('notify');
      },
      expected: {
        state: 'COMPLETED',
        completed: ['charge', 'notify', 'end'],
        variables: { receiptId: 'R-1' },
      },
    },
  },
  {
    element: 'User task',
    notes: '`zeebe:userTask` or plain; assignee, candidate groups and users, form key, due date, priority',
    scenario: {
      xml: definitionsXml(
        'user',
        [
          start,
          '<bpmn:userTask id="approve"><bpmn:extensionElements><zeebe:assignmentDefinition assignee="ana" /></bpmn:extensionElements></bpmn:userTask>',
          end,
          flowsXml([
            ['start', 'approve'],
            ['approve', 'end'],
          ]),
        ].join('\n'),
      ),
      drive: (world) => {
        if (world.driver.userTask('approve').assignee !== 'ana') throw new Error('assignee not set');
        world.completeUserTask('approve', { approved: true });
      },
      expected: { state: 'COMPLETED', completed: ['approve', 'end'], variables: { approved: true } },
    },
  },
  {
    element: 'Script task (FEEL), manual task, task',
    notes: '`zeebe:script` expression and result variable',
    scenario: {
      xml: definitionsXml(
        'script',
        [
          start,
          '<bpmn:scriptTask id="total"><bpmn:extensionElements><zeebe:script expression="=price * quantity" resultVariable="total" /></bpmn:extensionElements></bpmn:scriptTask>',
          '<bpmn:manualTask id="pack" />',
          '<bpmn:task id="note" />',
          end,
          flowsXml([
            ['start', 'total'],
            ['total', 'pack'],
            ['pack', 'note'],
            ['note', 'end'],
          ]),
        ].join('\n'),
      ),
      variables: { price: 5, quantity: 3 },
      drive: () => undefined,
      expected: { state: 'COMPLETED', completed: ['total', 'pack', 'note', 'end'], variables: { total: 15 } },
    },
  },
  {
    element: 'Business rule task calling a DMN decision (`zeebe:calledDecision`, `camunda:decisionRef`)',
    notes:
      'evaluated by the engine, no job: the result in `resultVariable`, then the output mappings; a failed evaluation → incident, resolved by evaluating again',
    scenario: {
      xml: definitionsXml(
        'rules',
        [
          start,
          '<bpmn:businessRuleTask id="decide"><bpmn:extensionElements><zeebe:calledDecision decisionId="risk" resultVariable="risk" /><zeebe:ioMapping><zeebe:output source="=risk = &quot;high&quot;" target="review" /></zeebe:ioMapping></bpmn:extensionElements></bpmn:businessRuleTask>',
          '<bpmn:exclusiveGateway id="route" />',
          '<bpmn:endEvent id="manual" />',
          '<bpmn:endEvent id="auto" />',
          flowsXml([
            ['start', 'decide'],
            ['decide', 'route'],
            ['route', 'manual', '=review'],
            ['route', 'auto', '=not(review)'],
          ]),
        ].join('\n'),
      ),
      variables: { amount: 2500 },
      drive: (world) => world.evaluateDecision('decide', RISK_DECISIONS),
      expected: {
        state: 'COMPLETED',
        completed: ['decide', 'route', 'manual'],
        notCompleted: ['auto'],
        variables: { review: true },
      },
    },
  },
  {
    element: 'Exclusive gateway',
    notes: 'FEEL conditions in document order, default flow; no match → incident',
    scenario: {
      xml: definitionsXml(
        'exclusive',
        [
          start,
          '<bpmn:exclusiveGateway id="size" default="size-to-small" />',
          '<bpmn:endEvent id="big" />',
          '<bpmn:endEvent id="small" />',
          flowsXml([
            ['start', 'size'],
            ['size', 'big', '=amount &gt; 100'],
            ['size', 'small'],
          ]),
        ].join('\n'),
      ),
      variables: { amount: 500 },
      drive: () => undefined,
      expected: { state: 'COMPLETED', completed: ['size', 'big'], notCompleted: ['small'] },
    },
  },
  {
    element: 'Parallel gateway',
    notes: 'fork and join, nested; FLOWX tokens (parent ON_HOLD, children ACTIVE → INACTIVE at the join)',
    scenario: {
      xml: definitionsXml(
        'parallel',
        [
          start,
          '<bpmn:parallelGateway id="fork" />',
          serviceTaskXml('a'),
          serviceTaskXml('b'),
          '<bpmn:parallelGateway id="join" />',
          end,
          flowsXml([
            ['start', 'fork'],
            ['fork', 'a'],
            ['fork', 'b'],
            ['a', 'join'],
            ['b', 'join'],
            ['join', 'end'],
          ]),
        ].join('\n'),
      ),
      drive: (world) => {
        world.completeJob('b');
        world.completeJob('a');
      },
      expected: { state: 'COMPLETED', completed: ['fork', 'b', 'a', 'join', 'end'] },
    },
  },
  {
    element: 'Inclusive gateway',
    notes:
      'fork on every true condition, else the default, else an incident; the join waits for every token that can still arrive',
    scenario: {
      xml: definitionsXml(
        'inclusive',
        [
          start,
          '<bpmn:inclusiveGateway id="fork" default="fork-to-none" />',
          serviceTaskXml('ship'),
          serviceTaskXml('invoice'),
          '<bpmn:task id="none" />',
          '<bpmn:inclusiveGateway id="join" />',
          end,
          flowsXml([
            ['start', 'fork'],
            ['fork', 'ship', '=ship'],
            ['fork', 'invoice', '=invoice'],
            ['fork', 'none'],
            ['ship', 'join'],
            ['invoice', 'join'],
            ['none', 'join'],
            ['join', 'end'],
          ]),
        ].join('\n'),
      ),
      variables: { ship: true, invoice: true },
      drive: (world) => {
        world.completeJob('ship');
        if (world.completedElements().includes('join')) throw new Error('the join did not wait');
        world.completeJob('invoice');
      },
      expected: { state: 'COMPLETED', completed: ['ship', 'invoice', 'join', 'end'], notCompleted: ['none'] },
    },
  },
  {
    element: 'Embedded subprocess',
    notes: 'a variable scope; input mappings create local variables',
    scenario: {
      xml: definitionsXml(
        'subprocess',
        [
          start,
          `<bpmn:subProcess id="inner"><bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=1" target="attempt" /></zeebe:ioMapping></bpmn:extensionElements>
             <bpmn:startEvent id="inner-start" />${serviceTaskXml('work')}<bpmn:endEvent id="inner-end" />
             ${flowsXml([
               ['inner-start', 'work'],
               ['work', 'inner-end'],
             ])}</bpmn:subProcess>`,
          end,
          flowsXml([
            ['start', 'inner'],
            ['inner', 'end'],
          ]),
        ].join('\n'),
      ),
      drive: (world) => {
        if (world.localVariables('inner')['attempt'] !== 1) throw new Error('local variable not visible');
        world.completeJob('work', { result: 'ok' });
      },
      expected: {
        state: 'COMPLETED',
        completed: ['work', 'inner-end', 'inner', 'end'],
        variables: { result: 'ok' },
      },
    },
  },
  {
    element: 'Camunda 7 conditions',
    notes: 'simple `${…}` forms translated to FEEL; the rest rejected at deploy',
    scenario: {
      xml: definitionsXml(
        'c7-conditions',
        [
          start,
          '<bpmn:exclusiveGateway id="check" />',
          '<bpmn:endEvent id="approved" />',
          '<bpmn:endEvent id="rejected" />',
          flowsXml([
            ['start', 'check'],
            ['check', 'approved', '${amount &lt;= 1000}'],
            ['check', 'rejected', '${amount &gt; 1000}'],
          ]),
        ].join('\n'),
      ),
      variables: { amount: 300 },
      drive: () => undefined,
      expected: { state: 'COMPLETED', completed: ['check', 'approved'], notCompleted: ['rejected'] },
    },
  },
];
