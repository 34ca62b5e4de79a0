// The state of one process instance: everything the core needs to apply the next command.
// Plain JSON (stored as one document, DESIGN §3.3); records keyed by Baton keys.
import type { EngineCommand, ReplyTarget, Variables } from '@baton/contracts';

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
  /** The signal name an intermediate signal catch event waits for (its subscription is open). */
  readonly signalName?: string;
  /** The child instance a call activity waits for. */
  readonly calledProcessInstanceKey?: string;
  /** The decision evaluation a business rule task waits for (DECISION_EVALUATED). */
  readonly decisionEvaluationKey?: string;
  /** The armed timer of an intermediate timer catch event waiting for it to fall due. */
  readonly timer?: ArmedTimer;
  /** The boundary events armed while this activity runs (events/boundary-arming.ts); absent when none. */
  readonly armedBoundaryEvents?: readonly ArmedBoundaryEvent[];
  /**
   * Events this element instance waits for on behalf of others (events/gateway-and-scope-arming.ts):
   * an event-based gateway's catch events, or a scope's (process, subprocess) message and timer
   * event subprocess starts. `elementId` names the catch event or the event subprocess's start event.
   */
  readonly armedEvents?: readonly ArmedBoundaryEvent[];
  /**
   * A BPMN error thrown here that no scope of this instance catches, passed to the parent instance
   * (errors/child-errors.ts): the element waits for its answer; caught nowhere, it becomes an incident.
   */
  readonly pendingError?: {
    readonly errorCode: string;
    readonly errorMessage?: string;
    readonly jobKey?: string;
  };
  /** What resolving this element's incident re-runs: its activation or its completion. */
  readonly pendingStep?: 'ACTIVATE' | 'COMPLETE';
  /** The asynchronous continuation before the element ran (jobs/async-continuation.ts). */
  readonly asyncBeforeDone?: true;
  /** The asynchronous continuation after the element ran: it leaves now. */
  readonly asyncAfterDone?: true;
  /** Of a multi-instance body (elementType `multiInstanceBody`): how its inner instances are doing. */
  readonly multiInstance?: MultiInstanceProgress;
  readonly startDate: string;
  readonly endDate?: string;
}

/**
 * The progress of a multi-instance body (multi-instance/multi-instance.ts). Its inner instances are
 * element instances of the same element whose flowScopeKey is the body's key.
 */
export interface MultiInstanceProgress {
  /** The length of the input collection. */
  readonly numberOfInstances: number;
  /** Inner instances created so far (the loopCounter of the latest one). */
  readonly started: number;
  readonly completed: number;
  readonly terminated: number;
  /** Sequential: the items whose inner instances are still to come, in order. */
  readonly pendingItems?: readonly unknown[];
  /**
   * The output elements collected so far, by item index: the output collection as the body writes
   * it, whatever variables of that name the inner instances' completions propagated meanwhile.
   */
  readonly outputs?: readonly unknown[];
}

/**
 * A boundary event armed on an active host: what it waits for, one optional field per trigger
 * kind. `key` names it outside the instance: a message boundary's subscription is stored and
 * correlated under it (in place of an element instance key).
 */
export interface ArmedBoundaryEvent {
  readonly key: string;
  /** The boundary event's element id. */
  readonly elementId: string;
  /** A message boundary event's open subscription. */
  readonly messageSubscription?: OpenSubscription;
  /** A signal boundary event's (or signal event subprocess start's) signal name, its subscription open. */
  readonly signalName?: string;
  /** A timer boundary event's armed timer (its timerKey is `key`); absent once it fired for the last time. */
  readonly timer?: ArmedTimer;
}

/**
 * A timer waiting in an instance (timer catch event, timer boundary event): its due date, evaluated
 * when it was armed, and for a cycle what follows. `timerKey` names it to the runtime, which stores
 * it and fires it with TRIGGER_TIMER.
 */
export interface ArmedTimer {
  readonly timerKey: string;
  /** Epoch ms; the timer never fires earlier. */
  readonly dueDate: number;
  /** The evaluated timeCycle of a timer that is armed again after it fires. */
  readonly cycle?: string;
  /** Of a cycle with an end (`R5/…`): how many more times it fires after this due date. */
  readonly repetitionsLeft?: number;
}

/** A timer as the runtime stores and fires it (DESIGN §3.7). */
export interface ScheduledTimer {
  readonly timerKey: string;
  readonly processInstanceKey: string;
  readonly processDefinitionKey: string;
  /** The timer catch event's instance, or a timer boundary event's host. */
  readonly elementInstanceKey: string;
  /** The timer catch event's or the boundary event's id. */
  readonly elementId: string;
  /** Epoch ms. */
  readonly dueDate: number;
  readonly tenantId: string;
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
  /** The waiting catch element's instance key, or an armed message boundary event's `key`. */
  readonly elementInstanceKey: string;
  /** The catch element's or the boundary event's id. */
  readonly elementId: string;
  readonly tenantId: string;
}

/**
 * A signal subscription as the runtime stores it: a broadcast of `signalName` triggers it
 * (TRIGGER_SIGNAL with `elementInstanceKey`).
 */
export interface SignalSubscription {
  readonly processInstanceKey: string;
  readonly processDefinitionKey: string;
  /** The waiting catch event's instance key, or an armed event's `key`. */
  readonly elementInstanceKey: string;
  /** The catch event's, boundary event's or event subprocess start's id. */
  readonly elementId: string;
  readonly signalName: string;
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
  /** Camunda 7 suspension: not handed to workers and not answerable until activated again. */
  readonly suspended?: boolean;
  /** Set on the engine's own job of an asynchronous continuation (camunda:asyncBefore / asyncAfter). */
  readonly asyncContinuation?: 'before' | 'after';
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
  | 'CONDITION_ERROR'
  | 'IO_MAPPING_ERROR'
  | 'EXTRACT_VALUE_ERROR'
  | 'JOB_NO_RETRIES'
  | 'UNHANDLED_ERROR_EVENT'
  | 'CALLED_ELEMENT_ERROR'
  | 'DECISION_EVALUATION_ERROR';

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

/**
 * A completed activity that compensation may undo (Zeebe's compensation subscription): an activity
 * with a compensation boundary event, or a subprocess or multi-instance body whose own completed
 * activities are compensable (it carries them: compensating it compensates them).
 */
export interface CompensationSubscription {
  /** The completed activity's element id. */
  readonly activityId: string;
  /** The completed activity's element instance key (the scope key of what it carries). */
  readonly activityInstanceKey: string;
  /** The element instance key of the scope the activity completed in. */
  readonly scopeKey: string;
  /** Its handler's element id; absent for a subprocess or body without compensation boundary event. */
  readonly handlerId?: string;
  /** Set once a compensation throw or end event triggered it: that event's element instance. */
  readonly throwEventInstanceKey?: string;
  /** The handler's element instance, while it runs. */
  readonly handlerInstanceKey?: string;
}

export interface InstanceState {
  readonly processInstanceKey: string;
  readonly processDefinitionKey: string;
  readonly processDefinitionId: string;
  readonly processDefinitionVersion: number;
  readonly tenantId: string;
  readonly businessKey?: string;
  /** Unique among the ACTIVE instances of the process (idempotent creation). */
  readonly businessId?: string;
  /** Set on the child instance of a call activity: the parent instance. */
  readonly parentProcessInstanceKey?: string;
  /** The parent's call activity instance, which the child's completion completes. */
  readonly parentElementInstanceKey?: string;
  /** Started by a message start event from a message with this correlation key (message-start-events). */
  readonly messageCorrelationKey?: string;
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
  /**
   * Completed compensable activities, in completion order (events/compensation-subscriptions.ts);
   * absent while there is none, so instances of processes without compensation carry nothing.
   */
  readonly compensations?: readonly CompensationSubscription[];
  /** Callers waiting for the instance to end (create with `awaitCompletion`). */
  readonly awaitingReplies: readonly ReplyTarget[];
  /** Camunda 7 suspension (SUSPEND_INSTANCE): no token moves until ACTIVATE_INSTANCE. */
  readonly suspended?: boolean;
  /**
   * Token-moving commands that arrived while suspended (message correlations, due timers, child
   * completions), applied in order on activation: nothing is lost while the instance waits.
   */
  readonly deferredCommands?: readonly EngineCommand[];
}
