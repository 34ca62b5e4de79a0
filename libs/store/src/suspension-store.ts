// The suspension store port (Camunda 7 suspension): which process definitions are suspended, and
// the job definitions created at deploy — one per job-creating element, timer and asynchronous
// continuation — each with its own suspension. Instance and job suspension live in the instance
// document and the job store; this holds what belongs to a definition.
import type { Page, PageRequest } from './query';

/** What kind of work a job definition stands for. */
export type JobDefinitionKind = 'job' | 'timer' | 'async-before' | 'async-after';

export interface JobDefinition {
  readonly jobDefinitionKey: string;
  readonly processDefinitionKey: string;
  readonly processDefinitionId: string;
  readonly processDefinitionVersion: number;
  readonly elementId: string;
  /** The job type of a worker job (FEEL text when it is an expression), `timer`, or `async-continuation`. */
  readonly type: string;
  readonly kind: JobDefinitionKind;
  /** The element id, or `<elementId>#asyncBefore` / `#asyncAfter`: what a job names its definition by. */
  readonly slot: string;
  readonly suspended: boolean;
  readonly tenantId: string;
}

export interface JobDefinitionFilter {
  readonly processDefinitionKey?: string;
  readonly elementId?: string;
  readonly type?: string;
  readonly suspended?: boolean;
}

export interface SuspensionStore {
  /** Stores the job definitions of a newly deployed version (a key stored already is replaced). */
  insertJobDefinitions(definitions: readonly JobDefinition[]): Promise<void>;
  getJobDefinition(jobDefinitionKey: string): Promise<JobDefinition | undefined>;
  /** Matching job definitions ordered by key. */
  searchJobDefinitions(filter: JobDefinitionFilter, page?: PageRequest): Promise<Page<JobDefinition>>;
  /** Sets a job definition's suspension; the updated one, or undefined when there is none. */
  setJobDefinitionSuspended(jobDefinitionKey: string, suspended: boolean): Promise<JobDefinition | undefined>;
  setDefinitionSuspended(processDefinitionKey: string, suspended: boolean): Promise<void>;
  isDefinitionSuspended(processDefinitionKey: string): Promise<boolean>;
  /** Everything suspended now: what the command processor needs to know (a small set). */
  suspendedSnapshot(): Promise<SuspensionSnapshot>;
}

export interface SuspensionSnapshot {
  readonly definitionKeys: readonly string[];
  /** Slots of the suspended job definitions, per process definition key. */
  readonly jobSlots: Readonly<Record<string, readonly string[]>>;
}

/** Keys compare as numbers (decimal strings of varying length). */
export function byJobDefinitionKey(a: JobDefinition, b: JobDefinition): number {
  const left = a.jobDefinitionKey;
  const right = b.jobDefinitionKey;
  return left.length - right.length || (left < right ? -1 : left > right ? 1 : 0);
}

export function matchesJobDefinitionFilter(definition: JobDefinition, filter: JobDefinitionFilter): boolean {
  return (
    (filter.processDefinitionKey === undefined ||
      definition.processDefinitionKey === filter.processDefinitionKey) &&
    (filter.elementId === undefined || definition.elementId === filter.elementId) &&
    (filter.type === undefined || definition.type === filter.type) &&
    (filter.suspended === undefined || definition.suspended === filter.suspended)
  );
}
