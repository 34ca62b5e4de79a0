// The Camunda 7 suspension operations of the engine service: suspend / activate
// definitions (optionally with their instances), instances, job definitions (optionally with their
// jobs) and jobs; search job definitions and jobs (timers included).
import type { JobDefinition, PageRequest } from '@baton/store';

export type { JobDefinition };

export interface SearchResultPage<T> {
  readonly items: readonly T[];
  readonly totalItems: number;
}

export interface JobDefinitionQuery {
  readonly filter?: {
    readonly processDefinitionKey?: string;
    readonly elementId?: string;
    readonly type?: string;
    readonly suspended?: boolean;
  };
  readonly page?: PageRequest;
}

/** ACTIVATABLE: waits for a worker; ACTIVATED: locked by one; SCHEDULED: a timer waiting for its due date. */
export type JobSearchState = 'ACTIVATABLE' | 'ACTIVATED' | 'SCHEDULED';

export interface JobQuery {
  readonly filter?: {
    readonly type?: string;
    readonly state?: JobSearchState;
    readonly suspended?: boolean;
    readonly processInstanceKey?: string;
    readonly processDefinitionKey?: string;
    readonly elementId?: string;
    /** Timers due in this range (epoch ms, inclusive). */
    readonly dueDate?: { readonly from?: number; readonly to?: number };
  };
  readonly page?: PageRequest;
}

/** A job as a job query lists it: a worker job, a continuation job or a timer. */
export interface JobSummary {
  readonly jobKey: string;
  /** The job type; `timer` for a timer, `baton:async-continuation` for a continuation. */
  readonly type: string;
  readonly state: JobSearchState;
  readonly suspended: boolean;
  /** Absent for a timer start event (no instance yet). */
  readonly processInstanceKey?: string;
  readonly processDefinitionKey: string;
  readonly elementId: string;
  readonly elementInstanceKey?: string;
  readonly retries?: number;
  /** Timers: when it falls due (ISO 8601). */
  readonly dueDate?: string;
  readonly worker?: string;
}

export interface SuspensionOperations {
  /** 404 when unknown; with `includeProcessInstances` its ACTIVE instances follow. Returns how many instances changed. */
  suspendDefinition(
    processDefinitionKey: string,
    change: { suspended: boolean; includeProcessInstances?: boolean },
  ): Promise<{ processInstancesChanged: number }>;
  /** `actor`: who asked (the caller's token subject), recorded in the instance's history. */
  suspendInstance(processInstanceKey: string, suspended: boolean, actor?: string): Promise<void>;
  searchJobDefinitions(query: JobDefinitionQuery): Promise<SearchResultPage<JobDefinition>>;
  suspendJobDefinition(
    jobDefinitionKey: string,
    change: { suspended: boolean; includeJobs?: boolean },
  ): Promise<{ jobsChanged: number }>;
  suspendJob(jobKey: string, suspended: boolean): Promise<void>;
  searchJobs(query: JobQuery): Promise<SearchResultPage<JobSummary>>;
}
