// How an instance document is stored: the engine state as a JSON string (variable names are user
// data and may contain `.` or start with `$`, which MongoDB and FerretDB refuse as field names),
// plus top-level copies of the fields that searches filter and sort on.
import type { InstanceStatus } from '@baton/engine-core';
import type { InstanceDocument } from '../instance-store';
import { canonicalJson } from '../instance-filter';
import { activeIncidentKeys, heldReadKeys, liveJobKeys } from '../instance-keys';
import { sortProjection, type SortProjection } from './sort-keys';

export interface InstanceRecord extends SortProjection {
  /** The processInstanceKey. */
  readonly _id: string;
  readonly processInstanceKey: string;
  readonly processDefinitionId: string;
  readonly processDefinitionKey: string;
  readonly processDefinitionVersion: number;
  readonly tenantId: string;
  readonly state: InstanceStatus;
  readonly hasIncident: boolean;
  readonly startDate: string;
  readonly endDate?: string;
  readonly businessKey?: string;
  readonly parentProcessInstanceKey?: string;
  /** Keys of the ACTIVE incidents, active element instances and live jobs, for lookups by those keys. */
  readonly incidentKeys: readonly string[];
  readonly elementInstanceKeys: readonly string[];
  readonly jobKeys: readonly string[];
  /** Variable keys and ended element instance keys, for reads by those keys (heldReadKeys). */
  readonly readKeys: readonly string[];
  /**
   * The root scope's variables for searches, by escaped name (variableField): number and string
   * values (order comparisons), and every value's canonical JSON text (equality, like, exists).
   */
  readonly rootVariables: Readonly<Record<string, unknown>>;
  readonly rootVariablesJson: Readonly<Record<string, string>>;
  readonly revision: number;
  /** Present (and true) only while the outbox is not empty: a sparse index finds them. */
  readonly hasOutbox?: true;
  /** Unique per write: tells a writer whether the stored revision is its own. */
  readonly writeToken: string;
  /**
   * The document without `revision` and `outbox`, as JSON. `logPosition` rides here only: it is
   * read with the document (by a new owner replaying its partition), never filtered on.
   */
  readonly body: string;
  /** The outbox as JSON (effects carry variables). */
  readonly outbox: string;
}

/** Fields a search may sort on; any other sort field is ignored. */
export const INSTANCE_SORT_FIELDS = [
  'processInstanceKey',
  'processDefinitionKey',
  'processDefinitionId',
  'processDefinitionVersion',
  'tenantId',
  'state',
  'startDate',
  'endDate',
  'businessKey',
  'hasIncident',
  'revision',
] as const;

export function toInstanceRecord(
  document: InstanceDocument,
  revision: number,
  writeToken: string,
): Omit<InstanceRecord, '_id'> {
  const { revision: _ignored, outbox, ...body } = document;
  const stored = { ...document, revision };
  return {
    processInstanceKey: document.processInstanceKey,
    processDefinitionId: document.processDefinitionId,
    processDefinitionKey: document.processDefinitionKey,
    processDefinitionVersion: document.processDefinitionVersion,
    tenantId: document.tenantId,
    state: document.state,
    hasIncident: document.hasIncident,
    startDate: document.startDate,
    ...(document.endDate === undefined ? {} : { endDate: document.endDate }),
    ...(document.businessKey === undefined ? {} : { businessKey: document.businessKey }),
    ...(document.parentProcessInstanceKey === undefined
      ? {}
      : { parentProcessInstanceKey: document.parentProcessInstanceKey }),
    incidentKeys: activeIncidentKeys(document),
    elementInstanceKeys: Object.keys(document.elementInstances),
    jobKeys: liveJobKeys(document),
    readKeys: heldReadKeys(document),
    ...rootVariableFields(document.variables[document.processInstanceKey] ?? {}),
    revision,
    ...(outbox.length > 0 ? { hasOutbox: true as const } : {}),
    writeToken,
    body: JSON.stringify(body),
    outbox: JSON.stringify(outbox),
    ...sortProjection(stored, INSTANCE_SORT_FIELDS),
  };
}

export function fromInstanceRecord(record: InstanceRecord): InstanceDocument {
  const body = JSON.parse(record.body) as Omit<InstanceDocument, 'revision' | 'outbox'>;
  return {
    ...body,
    revision: record.revision,
    outbox: JSON.parse(record.outbox) as InstanceDocument['outbox'],
  };
}

function rootVariableFields(
  variables: Readonly<Record<string, unknown>>,
): Pick<InstanceRecord, 'rootVariables' | 'rootVariablesJson'> {
  const entries = Object.entries(variables);
  return {
    // Values only where order comparisons apply: a nested object may hold names MongoDB refuses.
    rootVariables: Object.fromEntries(
      entries
        .filter(([, value]) => typeof value === 'number' || typeof value === 'string')
        .map(([name, value]) => [variableField(name), value]),
    ),
    rootVariablesJson: Object.fromEntries(
      entries.map(([name, value]) => [variableField(name), canonicalJson(value)]),
    ),
  };
}

/**
 * A variable name as a field name: MongoDB refuses `.` anywhere and `$` in front, so `%`, `.` and
 * `$` are written as `%25`, `%2E`, `%24`; the empty name is `%`. One-to-one.
 */
export function variableField(name: string): string {
  if (name === '') return '%';
  return name.replaceAll('%', '%25').replaceAll('.', '%2E').replaceAll('$', '%24');
}
