// Every row of the coverage table, in the order the README shows them.
import type { CoverageRow } from './coverage-row';
import { camunda7Rows } from './rows-camunda7';
import { compensationRows } from './rows-compensation';
import { eventTriggerRows } from './rows-event-triggers';
import { eventRows } from './rows-events';
import { multiInstanceRows } from './rows-multi-instance';
import { taskAndGatewayRows } from './rows-tasks-gateways';
import { unsupportedRows } from './rows-unsupported';

export const coverageRows: readonly CoverageRow[] = [
  ...taskAndGatewayRows,
  ...multiInstanceRows,
  ...eventRows,
  ...eventTriggerRows,
  ...compensationRows,
  ...camunda7Rows,
  ...unsupportedRows,
];
