// How the in-memory instance store applies an instance search's filter (instance-filter.ts) to a
// document: the counterpart of the MongoDB adapter's mongo/instance-filter-query.ts.
import type { InstanceDocument } from './instance-store';
import {
  canonicalJson,
  type DateRange,
  type InstanceFilter,
  type VariableCondition,
} from './instance-filter';
import { activeIncidentKeys, heldReadKeys, liveJobKeys } from './instance-keys';
import { matchesLike } from './like-match';

/** Whether a document matches the filter (the in-memory store's search). */
export function matchesInstanceFilter(document: InstanceDocument, filter: InstanceFilter): boolean {
  const equal = <T>(expected: T | undefined, actual: T) => expected === undefined || expected === actual;
  return (
    equal(filter.processInstanceKey, document.processInstanceKey) &&
    equal(filter.processDefinitionId, document.processDefinitionId) &&
    equal(filter.processDefinitionKey, document.processDefinitionKey) &&
    (filter.processDefinitionKeys === undefined ||
      filter.processDefinitionKeys.includes(document.processDefinitionKey)) &&
    equal(filter.processDefinitionVersion, document.processDefinitionVersion) &&
    equal(filter.state, document.state) &&
    equal(filter.hasIncident, document.hasIncident) &&
    equal(filter.businessKey, document.businessKey) &&
    equal(filter.parentProcessInstanceKey, document.parentProcessInstanceKey) &&
    inRange(document.startDate, filter.startDate) &&
    inRange(document.endDate, filter.endDate) &&
    (filter.incidentKey === undefined || activeIncidentKeys(document).includes(filter.incidentKey)) &&
    (filter.elementInstanceKey === undefined ||
      document.elementInstances[filter.elementInstanceKey] !== undefined) &&
    (filter.jobKey === undefined || liveJobKeys(document).includes(filter.jobKey)) &&
    (filter.readKey === undefined || heldReadKeys(document).includes(filter.readKey)) &&
    (filter.variables ?? []).every((condition) =>
      holds(condition, document.variables[document.processInstanceKey] ?? {}),
    )
  );
}

function inRange(date: string | undefined, range: DateRange | undefined): boolean {
  if (range === undefined) return true;
  if (date === undefined) return false;
  const at = Date.parse(date);
  const bound = (text: string | undefined) => (text === undefined ? undefined : Date.parse(text));
  const [gt, gte, lt, lte] = [bound(range.gt), bound(range.gte), bound(range.lt), bound(range.lte)];
  return (
    (gt === undefined || at > gt) &&
    (gte === undefined || at >= gte) &&
    (lt === undefined || at < lt) &&
    (lte === undefined || at <= lte)
  );
}

function holds(condition: VariableCondition, variables: Readonly<Record<string, unknown>>): boolean {
  const present = Object.hasOwn(variables, condition.name);
  const value = variables[condition.name];
  switch (condition.op) {
    case 'exists':
      return present === condition.exists;
    case 'eq':
      return present && sameJson(value, condition.value);
    case 'neq':
      return present && !sameJson(value, condition.value);
    case 'in':
      return present && condition.values.some((candidate) => sameJson(value, candidate));
    case 'like':
      return present && matchesLike(condition.pattern, JSON.stringify(value));
    default:
      return present && ordered(value, condition.value, condition.op);
  }
}

/** Order comparisons only between two numbers or two strings, as MongoDB's type bracketing does. */
function ordered(value: unknown, bound: unknown, op: 'gt' | 'gte' | 'lt' | 'lte'): boolean {
  const comparable =
    (typeof value === 'number' && typeof bound === 'number') ||
    (typeof value === 'string' && typeof bound === 'string');
  if (!comparable) return false;
  const [left, right] = [value, bound];
  if (op === 'gt') return left > right;
  if (op === 'gte') return left >= right;
  if (op === 'lt') return left < right;
  return left <= right;
}

function sameJson(left: unknown, right: unknown): boolean {
  return canonicalJson(left) === canonicalJson(right);
}
