// Effects: what applying a command asks the outside world to do, as data (DESIGN §3.1).
// The runtime produces them in the batch's Kafka transaction or writes them to its stores after it.
import type { InstanceEvent, ReplyBody, ReplyTarget, Variables } from '@baton/contracts';
import type {
  Incident,
  Job,
  MessageSubscription,
  ScheduledTimer,
  SignalSubscription,
  UserTask,
} from './state';

/** An instance changed: for the UI (socket gateway) and audit. Its schema is in contracts. */
export type { InstanceEvent } from '@baton/contracts';

/** The answer to a caller waiting on a command (`reply` target of the command). Its schema is in contracts. */
export type { ReplyBody } from '@baton/contracts';

export type Effect =
  /** A job is (again) activatable: index it for activation and publish it on its job topic. */
  | { readonly type: 'JOB_CREATED'; readonly job: Job }
  /** A failed job with retries left: activatable again at `job.retryAt`. */
  | { readonly type: 'JOB_RETRY'; readonly job: Job }
  /**
   * A process instance migration moved the open job to another element and definition: the stored
   * job takes its fields, its lock (a worker may hold it) and its key stay.
   */
  | { readonly type: 'JOB_MIGRATED'; readonly job: Job }
  /** The job is no longer activatable (completed, error thrown, no retries, canceled). */
  | { readonly type: 'JOB_CLOSED'; readonly jobKey: string; readonly processInstanceKey: string }
  /** A user task was created or changed (assignment, completion, cancellation). */
  | { readonly type: 'USER_TASK_UPDATED'; readonly userTask: UserTask }
  /** A message catch element waits: store the subscription, correlate a buffered message to it. */
  | { readonly type: 'MESSAGE_SUBSCRIPTION_OPENED'; readonly subscription: MessageSubscription }
  /** The element got its message, or was terminated: the subscription no longer matches. */
  | { readonly type: 'MESSAGE_SUBSCRIPTION_CLOSED'; readonly subscription: MessageSubscription }
  /** A signal catch waits: store the subscription; a broadcast of its name triggers it (TRIGGER_SIGNAL). */
  | { readonly type: 'SIGNAL_SUBSCRIPTION_OPENED'; readonly subscription: SignalSubscription }
  /** The signal catch was triggered or terminated: forget the subscription. */
  | { readonly type: 'SIGNAL_SUBSCRIPTION_CLOSED'; readonly subscription: SignalSubscription }
  /**
   * A signal throw or end event broadcasts its signal: every waiting signal catch of every instance
   * is triggered, and every signal start event of that name starts an instance, with `variables`.
   */
  | {
      readonly type: 'SIGNAL_BROADCAST_REQUESTED';
      /** Made at the throw (deterministic on replay): names the broadcast in command ids. */
      readonly signalKey: string;
      readonly signalName: string;
      readonly variables: Variables;
      readonly tenantId: string;
    }
  /** A timer was armed: store it; fire it (TRIGGER_TIMER) once it is due. */
  | { readonly type: 'TIMER_SCHEDULED'; readonly timer: ScheduledTimer }
  /** The timer fired: it no longer waits (a cycle is scheduled again under a new key). */
  | { readonly type: 'TIMER_TRIGGERED'; readonly timer: ScheduledTimer }
  /** Its element ended before the timer fired: forget it. */
  | { readonly type: 'TIMER_CANCELED'; readonly timer: ScheduledTimer }
  | { readonly type: 'INCIDENT_UPDATED'; readonly incident: Incident; readonly processInstanceKey: string }
  | { readonly type: 'INSTANCE_EVENT'; readonly event: InstanceEvent }
  /** A call activity was entered: create the child instance under this key (CREATE_INSTANCE). */
  | {
      readonly type: 'CHILD_INSTANCE_REQUESTED';
      readonly childProcessInstanceKey: string;
      readonly parentProcessInstanceKey: string;
      readonly parentElementInstanceKey: string;
      /** The called process id: its latest version is started. */
      readonly processDefinitionId: string;
      readonly variables: Variables;
    }
  /**
   * A business rule task was entered: evaluate its decision with these variables and answer with
   * DECISION_EVALUATED under `decisionEvaluationKey` (made here, so a replay asks under the same key).
   */
  | {
      readonly type: 'DECISION_EVALUATION_REQUESTED';
      readonly decisionEvaluationKey: string;
      readonly processInstanceKey: string;
      readonly processDefinitionKey: string;
      readonly elementInstanceKey: string;
      readonly elementId: string;
      /** The decision id, evaluated from the model's value source. */
      readonly decisionId: string;
      readonly bindingType: 'latest' | 'deployment' | 'versionTag';
      readonly versionTag?: string;
      /** Camunda 7 models: how the rules' outputs become the result (absent: Zeebe's output). */
      readonly mapDecisionResult?: 'singleEntry' | 'singleResult' | 'collectEntries' | 'resultList';
      readonly variables: Variables;
    }
  /** A call activity ended before its child: cancel the child (CANCEL_INSTANCE). */
  | { readonly type: 'CHILD_INSTANCE_CANCEL_REQUESTED'; readonly childProcessInstanceKey: string }
  /** A child instance completed: tell the parent (CHILD_INSTANCE_COMPLETED), FLOWX notify-parent. */
  | {
      readonly type: 'PARENT_NOTIFICATION_REQUESTED';
      readonly parentProcessInstanceKey: string;
      readonly parentElementInstanceKey: string;
      readonly childProcessInstanceKey: string;
      readonly variables: Variables;
    }
  /**
   * A BPMN error no scope of this (child) instance catches: pass it to the parent's call activity
   * (CHILD_INSTANCE_ERROR_THROWN). `origin` is the thrower, which waits for the answer.
   */
  | {
      readonly type: 'ERROR_PROPAGATION_REQUESTED';
      readonly parentProcessInstanceKey: string;
      readonly parentElementInstanceKey: string;
      readonly childProcessInstanceKey: string;
      readonly errorCode: string;
      readonly errorMessage?: string;
      readonly variables?: Variables;
      readonly origin: {
        readonly processInstanceKey: string;
        readonly elementInstanceKey: string;
        /** Made at the throw: names it in command ids. */
        readonly errorKey: string;
      };
    }
  /** An escalation no scope of this (child) instance catches: pass it to the parent (CHILD_INSTANCE_ESCALATED). */
  | {
      readonly type: 'ESCALATION_PROPAGATION_REQUESTED';
      readonly parentProcessInstanceKey: string;
      readonly parentElementInstanceKey: string;
      readonly childProcessInstanceKey: string;
      readonly escalationCode: string;
      readonly escalationKey: string;
    }
  /** No instance up the call chain caught the error: tell the thrower (ERROR_NOT_CAUGHT). */
  | {
      readonly type: 'ERROR_NOT_CAUGHT_NOTIFIED';
      readonly processInstanceKey: string;
      readonly elementInstanceKey: string;
      readonly errorCode: string;
      readonly errorKey: string;
    }
  /**
   * An instance started by a message start event with a correlation key ended: a message with
   * that key buffered for the process may start the next instance.
   */
  | {
      readonly type: 'MESSAGE_START_RELEASED';
      readonly processDefinitionId: string;
      readonly correlationKey: string;
    }
  | { readonly type: 'REPLY'; readonly target: ReplyTarget; readonly body: ReplyBody };
