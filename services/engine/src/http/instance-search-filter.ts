// A process-instance search request's filter (Camunda 8 shape: JSON texts, `$` operators) as the
// store's instance filter (parsed values, named operations).
import type { ProcessInstanceSearchRequest } from '@baton/contracts';
import type { DateRange, InstanceFilter, VariableCondition } from '@baton/store';

type RequestFilter = NonNullable<ProcessInstanceSearchRequest['filter']>;
type RequestDateRange = NonNullable<RequestFilter['startDate']>;
type RequestVariable = NonNullable<RequestFilter['variables']>[number];

export function instanceFilterOf(filter: RequestFilter | undefined): InstanceFilter {
  if (!filter) return {};
  const { startDate, endDate, variables, tenantId: _tenantId, ...plain } = filter;
  return {
    ...plain,
    ...(startDate ? { startDate: dateRangeOf(startDate) } : {}),
    ...(endDate ? { endDate: dateRangeOf(endDate) } : {}),
    ...(variables ? { variables: variables.flatMap(conditionsOf) } : {}),
  };
}

function dateRangeOf(range: RequestDateRange): DateRange {
  return {
    ...(range.$gt !== undefined ? { gt: range.$gt } : {}),
    ...(range.$gte !== undefined ? { gte: range.$gte } : {}),
    ...(range.$lt !== undefined ? { lt: range.$lt } : {}),
    ...(range.$lte !== undefined ? { lte: range.$lte } : {}),
  };
}

/** One condition per operator named (all must hold); the schema checked every JSON text. */
function conditionsOf({ name, value }: RequestVariable): VariableCondition[] {
  if (typeof value === 'string') return [{ name, op: 'eq', value: JSON.parse(value) }];
  const conditions: VariableCondition[] = [];
  const compare = (op: 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte', text: string | undefined) => {
    if (text !== undefined) conditions.push({ name, op, value: JSON.parse(text) });
  };
  compare('eq', value.$eq);
  compare('neq', value.$neq);
  compare('gt', value.$gt);
  compare('gte', value.$gte);
  compare('lt', value.$lt);
  compare('lte', value.$lte);
  if (value.$like !== undefined) conditions.push({ name, op: 'like', pattern: value.$like });
  if (value.$exists !== undefined) conditions.push({ name, op: 'exists', exists: value.$exists });
  if (value.$in !== undefined)
    conditions.push({ name, op: 'in', values: value.$in.map((text) => JSON.parse(text) as unknown) });
  return conditions;
}
