// The state of one process instance: everything the core needs to apply the next command.
// Plain JSON (stored as one document, DESIGN §3.3); records keyed by Baton keys.
import type { ReplyTarget, Variables } from '@baton/contracts';

export type InstanceStatus = 'ACTIVE' | 'COMPLETED' | 'TERMINATED';

/**
 * FLOWX-style tokens. At a parallel split the parent goes ON_HOLD and one ACTIVE child runs each
 * branch; a child that reaches the join becomes INACTIVE; when all have arrived the parent is ACTIVE
 * again and moves on. A token that leaves the instance (end event, cancellation) is COMPLETED/TERMINATED.
 */
export type TokenState = 'ACTIVE' | 'ON_HOLD' | 'INACTIVE' | 'COMPLETED' | 'TERMINATED';

export interface Token {
  readonly tokenKey: string;
  readonly parentTokenKey?: string;
  /** The element the token is at (or last was at). */
  readonly elementId: string;
  readonly state: TokenState;
  /** Element instance key of the flow scope (process or subprocess instance) the token runs in. */
  readonly scopeKey: string;
  /** The element instance the token is currently in (absent while waiting at a join or on hold after a split). */
  readonly elementInstanceKey?: string;
  /** The sequence flow the token arrived through (a join counts arrivals per incoming flow). */
  readonly flowId?: string;
}

export type ElementInstanceState = 'ACTIVE' | 'COMPLETED' | 'TERMINATED';

/**
 * One activation of a flow node (or the process itself, whose key is the processInstanceKey).
 * Only ACTIVE ones are kept in the state; the process instance's own stays after it ends.
 */
export interface ElementInstance {
  readonly key: string;
  readonly elementId: string;
  /** `process` for the root, else the flow node kind. */
  readonly elementType: string;
  /** The element instance key of the enclosing scope; absent for the process. */
  readonly flowScopeKey?: string;
  readonly state: ElementInstanceState;
  readonly tokenKey?: string;
  readonly jobKey?: string;
  readonly userTaskKey?: string;
  readonly incidentKey?: string;
  /** The open subscription of a message catch element waiting for its message. */
  readonly messageSubscription?: OpenSubscription;
  /** What resolving this element's incident re-runs: its activation or its completion. */
  readonly pendingStep?: 'ACTIVATE' | 'COMPLETE';
  readonly startDate: string;
  readonly endDate?: string;
}

/** What a waiting message catch element subscribed to, evaluated when the token entered it. */
export interface OpenSubscription {
  readonly messageName: string;
  readonly correlationKey: string;
}

/** A message subscription as the runtime stores and matches it (DESIGN §3.8). */
export interface MessageSubscription extends OpenSubscription {
  readonly processInstanceKey: string;
  readonly processDefinitionKey: string;
  readonly elementInstanceKey: string;
  readonly elementId: string;
  readonly tenantId: string;
}

export type JobState = 'ACTIVATABLE' | 'FAILED' | 'COMPLETED' | 'ERROR_THROWN' | 'CANCELED';

export interface Job {
  readonly jobKey: string;
  readonly type: string;
  readonly processInstanceKey: string;
  readonly processDefinitionKey: string;
  readonly processDefinitionId: string;
  readonly processDefinitionVersion: number;
  readonly elementId: string;
  readonly elementInstanceKey: string;
  readonly customHeaders: Readonly<Record<string, string>>;
  readonly retries: number;
  readonly state: JobState;
  readonly errorMessage?: string;
  /** Epoch ms before which a failed job is not activatable again (retry back-off). */
  readonly retryAt?: number;
  readonly tenantId: string;
}

export type UserTaskState = 'CREATED' | 'COMPLETED' | 'CANCELED';

export interface UserTask {
  readonly userTaskKey: string;
  readonly elementId: string;
  readonly elementInstanceKey: string;
  readonly processInstanceKey: string;
  readonly processDefinitionKey: string;
  readonly processDefinitionId: string;
  readonly processDefinitionVersion: number;
  readonly name?: string;
  readonly state: UserTaskState;
  readonly assignee?: string;
  readonly candidateGroups: readonly string[];
  readonly candidateUsers: readonly string[];
  readonly formKey?: string;
  readonly dueDate?: string;
  readonly followUpDate?: string;
  readonly priority: number;
  readonly creationDate: string;
  readonly completionDate?: string;
  readonly tenantId: string;
}

export type IncidentErrorType =
  'CONDITION_ERROR' | 'IO_MAPPING_ERROR' | 'EXTRACT_VALUE_ERROR' | 'JOB_NO_RETRIES' | 'UNHANDLED_ERROR_EVENT';

export interface Incident {
  readonly incidentKey: string;
  readonly errorType: IncidentErrorType;
  readonly errorMessage: string;
  readonly elementId: string;
  readonly elementInstanceKey: string;
  readonly jobKey?: string;
  readonly state: 'ACTIVE' | 'RESOLVED';
  readonly creationTime: string;
}

export interface InstanceState {
  readonly processInstanceKey: string;
  readonly processDefinitionKey: string;
  readonly processDefinitionId: string;
  readonly processDefinitionVersion: number;
  readonly tenantId: string;
  readonly businessKey?: string;
  readonly state: InstanceStatus;
  readonly startDate: string;
  readonly endDate?: string;
  /** Variables per scope: the key is an element instance key; the root scope is the processInstanceKey. */
  readonly variables: Readonly<Record<string, Variables>>;
  readonly elementInstances: Readonly<Record<string, ElementInstance>>;
  readonly tokens: Readonly<Record<string, Token>>;
  readonly jobs: Readonly<Record<string, Job>>;
  readonly userTasks: Readonly<Record<string, UserTask>>;
  readonly incidents: Readonly<Record<string, Incident>>;
  /**
   * Ids of the elements completed at least once, in completion order. Ended element instances
   * are removed from `elementInstances` (like Zeebe's runtime state), so this is their trace.
   */
  readonly completedElementIds?: readonly string[];
  /** Callers waiting for the instance to end (create with `awaitCompletion`). */
  readonly awaitingReplies: readonly ReplyTarget[];
}
