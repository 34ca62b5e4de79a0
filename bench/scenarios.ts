// The three benchmark scenarios, (a) start → end, (b) one service task, (c) the order process:
// which example file each runs, the variables of instance i, what the in-process workers answer
// per job type, and how to tell that an instance really took the path it should (so a fast wrong
// engine cannot win).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Variables = Record<string, unknown>;

/** An in-process worker: the job's variables in, the completion variables out. */
export type JobHandler = (variables: Variables) => Variables;

export interface Scenario {
  /** `a`, `b` or `c`, as the README's benchmark tables name them (and `--scenarios` selects them). */
  readonly letter: string;
  /** Short label for the table, e.g. `(b) service task`. */
  readonly label: string;
  readonly processId: string;
  readonly bpmnXml: string;
  readonly variablesFor: (index: number) => Variables;
  /** Workers per job type (zeebe:taskDefinition type). */
  readonly jobHandlers: Readonly<Record<string, JobHandler>>;
  /** Variables the in-process "user" completes each user task with; absent: no user task. */
  readonly userTaskVariables?: Variables;
  /** Returns a reason when the completed instance's variables show the wrong path. */
  readonly checkResult: (input: Variables, result: Variables) => string | undefined;
}

/** The repository's examples/ folder, found from the working directory (`npm run bench` runs at the root). */
function readExample(fileName: string): string {
  return readFileSync(join(process.cwd(), 'examples', fileName), 'utf8');
}

export function loadScenarios(): readonly Scenario[] {
  return [
    {
      label: '(a) start → end',
      letter: 'a',
      processId: 'hello',
      bpmnXml: readExample('hello.bpmn'),
      variablesFor: (index) => ({ index }),
      jobHandlers: {},
      checkResult: () => undefined,
    },
    {
      label: '(b) service task',
      letter: 'b',
      processId: 'service-task',
      bpmnXml: readExample('service-task.bpmn'),
      variablesFor: (index) => ({ index }),
      jobHandlers: { work: () => ({ done: true }) },
      checkResult: (_input, result) =>
        result.done === true ? undefined : 'the work job did not complete with done=true',
    },
    {
      label: '(c) order process',
      letter: 'c',
      processId: 'order-process',
      bpmnXml: readExample('order-process.bpmn'),
      // Every other order is over 100, so both gateway branches run.
      variablesFor: (index) => ({ orderId: `order-${index}`, total: index % 2 === 0 ? 250 : 40 }),
      jobHandlers: {
        'check-stock': () => ({ inStock: true }),
        'approve-order': () => ({ approved: true }),
        'charge-payment': (variables) => ({ transactionId: `tx-${String(variables.amount)}` }),
      },
      userTaskVariables: { packed: true },
      checkResult: (input, result) => {
        const overLimit = (input.total as number) > 100;
        if ((result.approved === true) !== overLimit)
          return `approved=${String(result.approved)} for total ${String(input.total)}`;
        if (result.paymentTransactionId !== `tx-${String(input.total)}`)
          return `paymentTransactionId=${String(result.paymentTransactionId)}`;
        if (result.packed !== true) return 'the pack-order user task did not complete';
        return undefined;
      },
    },
  ];
}
