// Test-only: how each MIWG reference model is run (miwg-corpus-run.test.ts). Per model: the
// substitutions it needs beyond the generic adjustments, each with its reason; the start variables
// that steer its gateways onto a path to an end; the scripted workers' answers; and the elements
// that path must complete. The reason a model needs a substitution is the row of the README table.
import type { Variables } from '@baton/contracts';
import type { ScriptedWorkers } from './coverage-world';
import { substitute, withFlowCondition, withZeebeNamespace } from './miwg-adjustments';

/** How one process of a model is started and driven, and what it must have completed. */
export interface ProcessRun {
  readonly variables?: Variables;
  /** A message start event to start at, as the runtime does when the message arrives. */
  readonly startAt?: string;
  readonly workers?: ScriptedWorkers;
  /** Elements the run must complete, every end event reached on the chosen path among them. */
  readonly completes: readonly string[];
  /** Elements off the chosen path, which must not complete. */
  readonly skips?: readonly string[];
}

export interface CorpusModel {
  readonly file: string;
  /** As the README table says it: runs as-is, or with which adjustments. */
  readonly outcome: string;
  /** Model-specific substitutions, applied after the generic adjustments. */
  readonly adjust?: (xml: string) => string;
  /** By process id: every executable process of the file. */
  readonly runs: Readonly<Record<string, ProcessRun>>;
}

/** `<prefix:startEvent/>` → `<prefix:endEvent/>` inside an empty (collapsed) subprocess. */
function minimalContent(prefix: string, id: string): string {
  return (
    `<${prefix}startEvent id="${id}-start"/><${prefix}endEvent id="${id}-end"/>` +
    `<${prefix}sequenceFlow id="${id}-flow" sourceRef="${id}-start" targetRef="${id}-end"/>`
  );
}

export const corpusModels: readonly CorpusModel[] = [
  {
    file: 'A.1.0.bpmn',
    outcome: 'runs once executable',
    runs: {
      'WFP-6-': {
        completes: [
          '_ec59e164-68b4-4f94-98de-ffb1c58a84af', // Task 1
          '_820c21c0-45f3-473b-813f-06381cc637cd', // Task 2
          '_e70a6fcb-913c-4a7b-a65d-e83adc73d69c', // Task 3
          '_a47df184-085b-49f7-bb82-031c84625821', // End Event
        ],
      },
    },
  },
  {
    file: 'A.2.0.bpmn',
    outcome: 'runs once executable, with conditions on the three flows of the split gateway',
    adjust: (xml) => {
      // The split gateway's flows have no conditions (a diagram does not need them; an exclusive
      // gateway with several unconditional flows is rejected, as Zeebe does): route by `route`.
      let adjusted = withFlowCondition(xml, '_f1478fb7-98c4-4c01-8c15-68bd04c91535', '=route = "Task 2"');
      adjusted = withFlowCondition(adjusted, '_a1570a53-28d2-41b1-a3a2-3e50c00d747e', '=route = "Task 3"');
      return withFlowCondition(adjusted, '_20ebb3c1-5178-4c7c-a91d-23e58f2aa73b', '=route = "Task 4"');
    },
    runs: {
      'WFP-6-': {
        variables: { route: 'Task 4' },
        completes: [
          '_5a972b87-735d-454a-b31c-f52fb3afc5c7', // Task 1
          '_7d399717-1aba-47ac-8d7d-8aaa033255e0', // Task 4
          '_33c66216-391c-49c2-aa19-d8f0b7f5f91d', // Gateway (Merge Flows)
          '_258f51eb-b764-4a71-b681-3a01cca14143', // End Event
        ],
      },
    },
  },
  {
    file: 'A.2.1.bpmn',
    outcome:
      'runs once executable, with its XPath condition `true` and its four empty conditions written in FEEL (conditional and default flows out of tasks run as modelled)',
    adjust: (xml) => {
      // Conditions in XPath (`true`) or empty (a diagram needs none): the same, or a route, in FEEL.
      // Task 2: "Condition" (`true`) to the end, its default flow to Task 3.
      let adjusted = withFlowCondition(xml, '_To9Z7TOCEeSknpIVFCxNIQ', '=true');
      // The split gateway (default: Task 2): route to Task 3 or Task 4 by `route`.
      adjusted = withFlowCondition(adjusted, '_To9Z-TOCEeSknpIVFCxNIQ', '=route = "Task 3"');
      adjusted = withFlowCondition(adjusted, '_To9Z_DOCEeSknpIVFCxNIQ', '=route = "Task 4"');
      // Task 4: "condition" to the merge gateway unless `toTask3`, else its default flow to Task 3.
      adjusted = withFlowCondition(adjusted, '_To9Z8zOCEeSknpIVFCxNIQ', '=not(toTask3)');
      // The merge gateway's one flow to the end carries an empty condition: always taken.
      return withFlowCondition(adjusted, '_To9Z9jOCEeSknpIVFCxNIQ', '=true');
    },
    runs: {
      _To9ZoTOCEeSknpIVFCxNIQ: {
        // Task 4, whose condition fails, so its default flow leads to Task 3, then the merge.
        variables: { route: 'Task 4', toTask3: true },
        completes: [
          '_To9ZpzOCEeSknpIVFCxNIQ', // Task 1
          '_To9ZzzOCEeSknpIVFCxNIQ', // Task 4
          '_To9ZwDOCEeSknpIVFCxNIQ', // Task 3
          '_To9Z2TOCEeSknpIVFCxNIQ', // Gateway (Merge Flows)
          '_To9ZsTOCEeSknpIVFCxNIQ', // End Event
        ],
        skips: ['_To9ZtjOCEeSknpIVFCxNIQ'], // Task 2
      },
    },
  },
  {
    file: 'A.3.0.bpmn',
    outcome:
      'runs once executable, with content for the empty collapsed subprocess and a message for the message boundary event',
    adjust: (xml) => {
      const subProcessId = '_1ae31d1b-2559-4f78-a3ec-47986a49db48';
      // The collapsed subprocess is empty: an embedded subprocess needs one none start event.
      let adjusted = substitute(
        xml,
        '<semantic:outgoing>_250377d0-628d-463f-95f6-1f4ceed9bd8a</semantic:outgoing>\n        </semantic:subProcess>',
        `<semantic:outgoing>_250377d0-628d-463f-95f6-1f4ceed9bd8a</semantic:outgoing>${minimalContent('semantic:', subProcessId)}</semantic:subProcess>`,
      );
      // The message boundary event names no message: give it one, with a correlation key.
      adjusted = substitute(
        adjusted,
        '<semantic:messageEventDefinition/>',
        '<semantic:messageEventDefinition messageRef="miwg-message"/>',
      );
      adjusted = substitute(
        adjusted,
        '<semantic:process ',
        '<semantic:message id="miwg-message" name="miwg-message"><semantic:extensionElements><zeebe:subscription correlationKey="=caseId"/></semantic:extensionElements></semantic:message><semantic:process ',
      );
      // The interrupting escalation boundary event runs as modelled (a catch-all escalation).
      return withZeebeNamespace(adjusted);
    },
    runs: {
      'WFP-6-': {
        variables: { caseId: 'case-1' },
        completes: [
          '_65f5459f-44ae-436d-a089-a91d6d78075b', // Task 1
          '_1ae31d1b-2559-4f78-a3ec-47986a49db48', // Collapsed Sub-Process
          '_2d2d0d29-896f-49f9-8109-77a7304309c5', // Task 2
          '_ce253897-4300-4b24-b71f-4c9535698c70', // End Event 1
        ],
      },
    },
  },
  {
    file: 'A.4.0.bpmn',
    outcome: 'runs once executable (both processes)',
    runs: {
      'WFP-6-1': {
        completes: [
          '_ab851300-b5de-4ad3-bbec-215553757fc8', // Task 1
          '_80d1f02b-f39c-45c2-b731-43df75d81779', // Task 2
          '_6e79c19f-749d-48c4-8271-d9ca028354fa', // End Event 1
        ],
      },
      'WFP-6-2': {
        // Task 3 splits (two unconditional flows) into the two expanded subprocesses.
        completes: [
          '_6fed62c8-8241-4a1d-ae67-266fda7dcead', // Task 3
          '_09532ad3-e571-4214-b580-7bebf4bb68b1', // Task 4 (in Expanded Sub-Process 1)
          '_3e5ac6ed-88d6-4f82-a647-6b253b80b004', // End Event 3
          '_ee35fa2c-dfea-40cf-a469-845b765a7b50', // Expanded Sub-Process 1
          '_1c347d0d-750b-4c09-980d-6877caae409b', // Task 5
          '_7c434d45-d319-457b-9fd6-853c218bc3f1', // End Event 2
          '_15f8f2a4-5e55-4159-b349-403ac4cbdefb', // Task 6 (in Expanded Sub-Process 2)
          '_bb8b7952-0991-4b7c-a851-97327832d7b8', // End Event 4
          '_f52b6ad0-4dcc-4053-b696-b924dda01db5', // Expanded Sub-Process 2
          '_8e6cecb7-b247-4c43-a6b6-532fb6a89753', // End Event 5
        ],
      },
    },
  },
  {
    file: 'A.4.1.bpmn',
    outcome: 'runs once executable (both processes)',
    runs: {
      'sid-34746A54-1D7D-46CA-B219-0C4CEAE51170': {
        completes: [
          'sid-3D477D07-D669-4A26-9454-12AD775FDE70', // Task 1
          'sid-1208A5BA-9E1C-49D2-82E3-5DB2C0E9887D', // Task 2
          'sid-5F0F3508-96EF-4F9B-9182-64AD17334E23', // End Event 1
        ],
      },
      'sid-54D696FD-DEDC-45F3-99DB-1404DA433FC4': {
        completes: [
          'sid-34E8C3A5-5C2A-4593-AC67-038B737814D7', // Task 3
          'sid-A52AFB6A-43EE-47FE-A95F-057845582F1D', // Task 4
          'sid-00A82BF4-1D0A-48DC-8389-C8AAF3E7F754', // Expanded Sub-Process 1
          'sid-485E1184-9951-4B41-9794-A9AFD42A3249', // Task 5
          'sid-78073B2D-35BB-45D5-9CF1-D446602F8E59', // End Event 2
          'sid-B414AE83-11A2-4968-B4E4-45833D641928', // Task 6
          'sid-645780CC-D61F-4715-8B58-71679305245F', // Expanded Sub-Process 2
          'sid-93C83C6A-1122-4E0F-9F47-4027C9080456', // End Event 5
        ],
      },
    },
  },
  {
    file: 'C.1.0.bpmn',
    outcome: 'runs with a job type for `archiveInvoice` (a `camunda:field` service task)',
    runs: {
      'bpmn-miwg-test-case-c.1.0': {
        // The process starts at its message start event (`invoice-received-C.1.0`).
        startAt: 'StartEvent_1',
        workers: {
          // Rejected first, clarified, then approved: the review loop is taken once.
          completions: {
            approveInvoice: [{ approved: false }, { approved: true }],
            reviewInvoice: { clarified: 'yes' },
          },
        },
        completes: [
          'assignApprover',
          'approveInvoice',
          'reviewInvoice',
          'prepareBankTransfer',
          'archiveInvoice',
          'invoiceProcessed',
        ],
      },
    },
  },
  {
    file: 'C.1.1.bpmn',
    outcome:
      'runs with a job type for `archiveInvoice` and its four XPath-style conditions (`bpmn:getDataObject(...)`) written in FEEL',
    adjust: (xml) => {
      // The conditions read data objects with the XPath-style `bpmn:getDataObject`; Baton's data
      // are process variables, so the same tests in FEEL.
      let adjusted = withFlowCondition(xml, 'invoiceApproved', '=approved');
      adjusted = withFlowCondition(adjusted, 'invoiceNotApproved', '=not(approved)');
      adjusted = withFlowCondition(adjusted, 'reviewSuccessful', '=clarified = "yes"');
      return withFlowCondition(adjusted, 'reviewNotSuccessful', '=clarified = "no"');
    },
    runs: {
      'handle-invoice': {
        workers: {
          // Rejected, not clarified: the invoice is not processed.
          completions: { approveInvoice: { approved: false }, reviewInvoice: { clarified: 'no' } },
        },
        completes: ['assignApprover', 'approveInvoice', 'reviewInvoice', 'invoiceNotProcessed'],
      },
    },
  },
  {
    file: 'C.3.0.bpmn',
    outcome:
      'runs with conditions on the unconditional gateway flows, its one Java-style condition written in FEEL, content for the empty collapsed subprocess and a correlation key for its message',
    adjust: (xml) => {
      // "Service type": three unconditional flows; route by `serviceType`.
      let adjusted = withFlowCondition(
        xml,
        '_b99800c3-c340-460c-a43e-098014a365d0',
        '=serviceType = "Warranty"',
      );
      adjusted = withFlowCondition(
        adjusted,
        '_437e5969-1e61-4cb9-aa76-4f8854f32eeb',
        '=serviceType = "Emergency service"',
      );
      adjusted = withFlowCondition(
        adjusted,
        '_ada039b6-94dd-4a15-a6b1-c7fe662c64ee',
        '=serviceType = "Regular repair service"',
      );
      // "Service level": `Service Level == 'Premium'` is not FEEL (and "Standard" has no condition).
      adjusted = withFlowCondition(
        adjusted,
        '_cddf9325-a85b-4347-8c57-8b909fa77ae9',
        '=serviceLevel = "Standard"',
      );
      adjusted = withFlowCondition(
        adjusted,
        '_be893987-caec-4605-b078-bd96b7cd6c12',
        '=serviceLevel = "Premium"',
      );
      // "Successful?": yes / no without conditions.
      adjusted = withFlowCondition(adjusted, '_cf380e47-1401-4e7e-b710-193b626e49eb', '=successful');
      adjusted = withFlowCondition(adjusted, '_3fb323d5-2c59-487a-af63-804208f6c5cb', '=not(successful)');
      // "Perform emergency repair" is an empty collapsed subprocess: one none start event to an end.
      adjusted = substitute(
        adjusted,
        '</subProcess>',
        `${minimalContent('', '_cd6f230f-13c3-4027-aa3e-57de601a1ab2')}</subProcess>`,
      );
      // The message "Service Level" is also caught by a boundary event, which needs a correlation key.
      adjusted = substitute(
        adjusted,
        'name="Service Level">\n    <extensionElements>',
        'name="Service Level">\n    <extensionElements><zeebe:subscription correlationKey="=requestId"/>',
      );
      return withZeebeNamespace(adjusted);
    },
    runs: {
      '_8170787a-3207-434d-9bea-4787059f444f': {
        // Started by its message start event "Receive customer request".
        startAt: '_cc9778bd-edd8-4df2-ba15-56c310f90e62',
        variables: {
          requestId: 'request-1',
          serviceType: 'Regular repair service',
          serviceLevel: 'Standard',
          successful: true,
        },
        workers: {
          // During the standard repair the customer upgrades (message "Service Level"), and the
          // premium repair runs over its 2 hours: the emergency repair follows, successfully.
          first: ['Bpmn_BoundaryEvent_LwKtwhqHEeWDuOtG0oS24A', 'Bpmn_BoundaryEvent_sS9gABqGEeWDuOtG0oS24A'],
        },
        completes: [
          '_c73a5f4a-72f1-4e11-bb40-2f98da75fb9a', // Analyse customer request
          'Bpmn_BoundaryEvent_LwKtwhqHEeWDuOtG0oS24A', // message "Service Level" at the standard repair
          'Bpmn_BoundaryEvent_sS9gABqGEeWDuOtG0oS24A', // 2 hours at the premium repair
          '_cd6f230f-13c3-4027-aa3e-57de601a1ab2', // Perform emergency repair
          '_b3dc1906-d4d3-40c5-aaf6-5a74148ae887', // Emergency repair completed
        ],
      },
    },
  },
  {
    file: 'C.8.1.bpmn',
    // Runs as-is since Baton reads a condition whose `language` is FEEL without Zeebe's `=` and
    // ignores dangling message references of service interface operations (`triso:unspecified`).
    outcome: 'runs as-is',
    runs: {
      VacationRequestProcess: {
        variables: { From: '2025-07-01', To: '2025-07-14' },
        workers: {
          completions: {
            // Fetch Vacation Information (HTTP): the OData answer its output mapping reads.
            '_2b960d84-feb1-46a9-a1a1-c300dd996b99': {
              body: { value: [{ name: 'Ada', email: 'ada@example.com', days: 10 }] },
            },
            // Vacation Approval (DMN job): the decision result its output mappings read.
            '_1a818a94-ba6f-413b-a7e8-6f8fd2a11e32': {
              'Vacation Approval Status': { Approval: 'Manual Validation Required', Reason: 'long' },
            },
            // Manually Approve Vacation.
            '_79523269-7444-4b01-90e9-e23957a9d020': { 'Vacation Approval': 'Approved' },
          },
        },
        completes: [
          '_2b960d84-feb1-46a9-a1a1-c300dd996b99', // Fetch Vacation Information
          '_1a818a94-ba6f-413b-a7e8-6f8fd2a11e32', // Vacation Approval
          '_79523269-7444-4b01-90e9-e23957a9d020', // Manually Approve Vacation
          '_a97c1a48-faba-447b-bfa6-7aa81a6fe0a0', // Notify Employee of Approval
          '_5e16a4e0-0f23-482a-be47-d3edbc5741ba', // Update Remaining Vacation
          '_1cd5fe29-b3ec-4f21-a1aa-57773f0729ca', // Vacation Approved by Manager
        ],
      },
    },
  },
  {
    file: 'C.9.0.bpmn',
    outcome: 'runs with its DMN business rule task (`zeebe:calledDecision`) made a job',
    adjust: (xml) =>
      // The corpus ships no DMN file for risk_check (the core is driven without a runtime to
      // evaluate one either): the decision becomes a job whose worker returns `result`.
      substitute(
        xml,
        '<zeebe:calledDecision decisionId="risk_check" resultVariable="result" />',
        '<zeebe:taskDefinition type="risk_check" />',
      ),
    runs: {
      customer_onboarding_en: {
        // The call activity does not propagate the child's variables (propagateAllChildVariables
        // is false, no output mappings), so "Decision?" reads `approved` given at the start.
        variables: {
          approved: true,
          corporation: 'Camunda Insurance',
          applicant: { name: 'Ada', email: 'ada@example.com', age: 36 },
          applicationNumber: 'A-1',
          product: 'household',
        },
        workers: {
          // The risk check finds a moderate risk: the manual check (call activity ManualCheck).
          completions: {
            BusinessRuleTask_CheckApplicationAutomatically: {
              result: { riskLevel: ['yellow'], risk: ['age'] },
            },
          },
        },
        completes: [
          'StartEvent_ApplicationReceived',
          'ServiceTask_GetCreditScore',
          'BusinessRuleTask_CheckApplicationAutomatically',
          'Activity_ManualCheck',
          'ServiceTask_DeliverPolicy',
          'SendTask_SendPolicy',
          'EndEvent_ApplicationIssued',
        ],
      },
    },
  },
  {
    file: 'C.9.1.bpmn',
    outcome: 'runs as-is',
    runs: {
      requestDocument_en: {
        variables: { documentReferenceId: 'document-1' },
        // Two daily reminders (non-interrupting cycle timer) before the document arrives.
        workers: { first: ['BoundaryEvent_1', 'BoundaryEvent_1'] },
        completes: [
          'SendTask_RequestDocument',
          'BoundaryEvent_1',
          'SendTask_SendReminderEmail',
          'EndEvent_ReminderSent',
          'ReceiveTask_WaitForDocument',
          'EndEvent_GotDocument',
        ],
      },
    },
  },
  {
    file: 'C.9.2.bpmn',
    outcome: 'runs as-is',
    runs: {
      ManualCheck: {
        variables: {
          documentReferenceId: 'document-1',
          fraudSuspectedId: 'fraud-1',
          risks: ['age', 'income'],
          applicant: { name: 'Ada', age: 36 },
          documents: ['passport', 'payslip'],
        },
        workers: {
          // Every event subprocess once while the decision waits: two documents requested
          // (multi-instance call activity), a fraud suspicion that is cleared, the 5-day reminder.
          first: [
            'StartMessageEvent_DocumentRequested',
            'StartMessageEvent_FraudSuspected',
            'StartTimerEvent_AcceleratedDecision',
          ],
          completions: {
            UserTask_CheckForFraud: { fraud: false },
            UserTask_DecideOnApplication: { approved: true },
          },
        },
        completes: [
          'CallActivity_RequestDocument',
          'EndEvent_DocumentReceived',
          'UserTask_CheckForFraud',
          'EndEvent_FraudNoDetected',
          'SendTask_NotifyCustomerDelay',
          'UserTask_AccelerateDecision',
          'EndEvent_DecisionAccelerated',
          'UserTask_DecideOnApplication',
          'EndEvent_ManuallyDecided',
        ],
      },
    },
  },
];
