// The filter of an instance search, and how the in-memory store applies it. The MongoDB adapter
// translates the same filter into a query (mongo/instance-filter-query.ts); the contract suite
// holds both to the same answers.
import type { InstanceStatus } from '@baton/engine-core';
import type { InstanceDocument } from './instance-store';
import { activeIncidentKeys, liveJobKeys } from './instance-keys';

/** Bounds on an ISO-8601 date-time (compared as UTC instants). */
export interface DateRange {
  readonly gt?: string;
  readonly gte?: string;
  readonly lt?: string;
  readonly lte?: string;
}

/** A condition on a root variable; values are JSON values (the REST layer parses their JSON text). */
export type VariableCondition =
  | {
      readonly name: string;
      readonly op: 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte';
      readonly value: unknown;
    }
  | { readonly name: string; readonly op: 'in'; readonly values: readonly unknown[] }
  | { readonly name: string; readonly op: 'exists'; readonly exists: boolean }
  /** `*` matches any run of characters in the variable's JSON text, e.g. `"Nice*"`. */
  | { readonly name: string; readonly op: 'like'; readonly pattern: string };

export interface InstanceFilter {
  readonly processInstanceKey?: string;
  readonly processDefinitionId?: string;
  readonly processDefinitionKey?: string;
  /** Only instances of these definitions (what a caller may see, DESIGN §6). */
  readonly processDefinitionKeys?: readonly string[];
  readonly processDefinitionVersion?: number;
  readonly state?: InstanceStatus;
  readonly hasIncident?: boolean;
  readonly businessKey?: string;
  /** Children of this instance (call activities). */
  readonly parentProcessInstanceKey?: string;
  readonly startDate?: DateRange;
  readonly endDate?: DateRange;
  /** Every condition holds (on the root scope's variables). */
  readonly variables?: readonly VariableCondition[];
  /** The instance with this ACTIVE incident. */
  readonly incidentKey?: string;
  /** The instance with this active element instance (the processInstanceKey is the root's). */
  readonly elementInstanceKey?: string;
  /** The instance with this job, open or parked in an incident (FAILED). */
  readonly jobKey?: string;
}

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
      return present && likePattern(condition.pattern).test(JSON.stringify(value));
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

/** JSON text with object keys sorted: one text per value. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/** A `*` wildcard pattern as an anchored regular expression (everything else literal). */
export function likePattern(pattern: string): RegExp {
  const escaped = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`, 's');
}
