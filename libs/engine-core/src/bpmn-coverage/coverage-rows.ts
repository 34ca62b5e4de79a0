// Every row of the coverage table, in the order the README shows them.
import type { CoverageRow } from './coverage-row';
import { eventRows } from './rows-events';
import { taskAndGatewayRows } from './rows-tasks-gateways';
import { unsupportedRows } from './rows-unsupported';

export const coverageRows: readonly CoverageRow[] = [...taskAndGatewayRows, ...eventRows, ...unsupportedRows];
