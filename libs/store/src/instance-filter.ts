// The filter of an instance search, part of the instance store port, and the value semantics both
// adapters share (canonical JSON equality, `*` patterns). The in-memory store applies it with
// in-memory-instance-filter.ts, the MongoDB adapter translates it into a query
// (mongo/instance-filter-query.ts); the contract suite holds both to the same answers.
import type { InstanceStatus } from '@baton/engine-core';

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
  /**
   * `*` matches any run of characters in the variable's JSON text, e.g. `"Nice*"`; matched in
   * linear time by both adapters (like-match.ts, mongo/like-regex.ts).
   */
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
  /** The instance holding a variable of this key, or an ended element instance of it (instance-keys.ts heldReadKeys). */
  readonly readKey?: string;
}

/** JSON text with object keys sorted: one text per value. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
