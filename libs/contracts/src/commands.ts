// Commands on one process instance: the only way anything changes an instance (DESIGN §3.2).
// They travel on `baton.engine.commands.v1` keyed by processInstanceKey.
import { z } from 'zod';
import { keySchema, variablesSchema } from './json';
import { migrationMappingInstructionSchema } from './migration-instructions';
import { activateInstructionSchema, terminateInstructionSchema } from './modification-instructions';

/** Where the answer to a command goes: the replica holding the waiting caller (DESIGN §3.9). */
export const replyTargetSchema = z.object({
  requestId: z.string().min(1),
  replicaId: z.string().min(1),
  /** When set, the reply waits for the instance to complete (create with result). */
  awaitCompletion: z.boolean().optional(),
  /** Variable names to return; all root variables when absent. */
  fetchVariables: z.array(z.string()).optional(),
  /**
   * Create only: answer once the instance first waits (every token at a job, user task, message
   * or timer catch, call activity) or has ended, with its variables (Camunda 7 executeWithVariablesInReturn).
   */
  awaitWaitState: z.boolean().optional(),
});
export type ReplyTarget = z.infer<typeof replyTargetSchema>;

/**
 * Where a new instance starts instead of its start event (Camunda 7 startBeforeActivity,
 * startAfterActivity, startTransition): before an element, after it (along its outgoing flows) or
 * on a sequence flow (`elementId` is then the flow id). Enclosing subprocess scopes are created.
 */
export const startInstructionSchema = z.object({
  elementId: z.string().min(1),
  /** @default 'startBefore' */
  type: z.enum(['startBefore', 'startAfter', 'startTransition']).optional(),
  /** Set in the process scope, before the instance starts. */
  variables: variablesSchema.optional(),
  /** Set in the started activity's own scope (startBefore), else in its enclosing scope. */
  localVariables: variablesSchema.optional(),
});
export type StartInstruction = z.infer<typeof startInstructionSchema>;

const base = {
  /** Unique id of this command: a command seen twice is applied once. */
  commandId: z.string().min(1),
  processInstanceKey: keySchema,
  reply: replyTargetSchema.optional(),
  /**
   * Who sent the command: the bearer token's subject of the REST caller, set where an operator's
   * request becomes a command (suspension, variables, modification, migration, cancellation,
   * incident resolution, user task assignment and completion); the instance history shows it.
   * Absent for the engine's own commands and for job workers.
   */
  actor: z.string().min(1).max(256).optional(),
};

export const createInstanceCommandSchema = z.object({
  ...base,
  type: z.literal('CREATE_INSTANCE'),
  processDefinitionKey: keySchema,
  variables: variablesSchema,
  startInstructions: z.array(startInstructionSchema).optional(),
  /** Picks among several none start events by their `baton:startCondition` (FLOWX start condition). */
  startCondition: z.string().optional(),
  businessKey: z.string().optional(),
  /** Unique among the ACTIVE instances of the process (idempotent creation). */
  businessId: z.string().optional(),
  /** A child instance of a call activity: the parent instance, notified when the child completes. */
  parentProcessInstanceKey: keySchema.optional(),
  /** The parent's call activity instance. */
  parentElementInstanceKey: keySchema.optional(),
  /**
   * Created by a message start event from a message with this (non-empty) correlation key: no other
   * instance of the process starts from a message with the same key while this one is ACTIVE.
   */
  messageCorrelationKey: z.string().min(1).optional(),
  /**
   * The caller was already answered with the key, once the command was in the log (a create
   * answered on append): the instance must exist, so a definition suspended meanwhile does not
   * refuse it.
   */
  admitted: z.literal(true).optional(),
});
export const completeJobCommandSchema = z.object({
  ...base,
  type: z.literal('COMPLETE_JOB'),
  jobKey: keySchema,
  variables: variablesSchema,
});
export const failJobCommandSchema = z.object({
  ...base,
  type: z.literal('FAIL_JOB'),
  jobKey: keySchema,
  retries: z.number().int().min(0),
  errorMessage: z.string().optional(),
  /** Milliseconds before the job may be activated again. */
  retryBackOff: z.number().int().min(0).optional(),
  variables: variablesSchema.optional(),
});
export const throwErrorCommandSchema = z.object({
  ...base,
  type: z.literal('THROW_ERROR'),
  jobKey: keySchema,
  errorCode: z.string().min(1),
  errorMessage: z.string().optional(),
  variables: variablesSchema.optional(),
});
export const completeUserTaskCommandSchema = z.object({
  ...base,
  type: z.literal('COMPLETE_USER_TASK'),
  userTaskKey: keySchema,
  variables: variablesSchema,
  action: z.string().optional(),
});
export const assignUserTaskCommandSchema = z.object({
  ...base,
  type: z.literal('ASSIGN_USER_TASK'),
  userTaskKey: keySchema,
  /** `null` unassigns. */
  assignee: z.string().nullable(),
  allowOverride: z.boolean().optional(),
});
export const cancelInstanceCommandSchema = z.object({ ...base, type: z.literal('CANCEL_INSTANCE') });
export const resolveIncidentCommandSchema = z.object({
  ...base,
  type: z.literal('RESOLVE_INCIDENT'),
  incidentKey: keySchema,
});
export const setVariablesCommandSchema = z.object({
  ...base,
  type: z.literal('SET_VARIABLES'),
  /** The scope: an element instance key, or the processInstanceKey for the root scope. */
  elementInstanceKey: keySchema,
  variables: variablesSchema,
  /** Set in this scope only, instead of propagating to the scope that already has the variable. */
  local: z.boolean().optional(),
});
/** Sets a job's retries (PATCH /v2/jobs/{key}); an incident of the job is resolved separately. */
export const updateJobRetriesCommandSchema = z.object({
  ...base,
  type: z.literal('UPDATE_JOB_RETRIES'),
  jobKey: keySchema,
  retries: z.number().int().min(0),
});
/**
 * A message (DESIGN §3.8) correlated to a waiting message catch element: completes it with the
 * message's variables. Refused when the element instance no longer waits for this message.
 */
export const correlateMessageCommandSchema = z.object({
  ...base,
  type: z.literal('CORRELATE_MESSAGE'),
  /** The element instance whose subscription matched. */
  elementInstanceKey: keySchema,
  messageKey: keySchema,
  messageName: z.string(),
  variables: variablesSchema,
});
/**
 * A broadcast signal reached a waiting signal catch (intermediate, boundary, event subprocess
 * start): it triggers with the signal's variables. Sent with commandId `signal:<signalKey>:<key>`,
 * so a broadcast triggers each subscription once. Refused when it no longer waits for the signal.
 */
export const triggerSignalCommandSchema = z.object({
  ...base,
  type: z.literal('TRIGGER_SIGNAL'),
  /** The subscription's key: the catch event's element instance, or the armed event's key. */
  elementInstanceKey: keySchema,
  signalKey: keySchema,
  signalName: z.string(),
  variables: variablesSchema,
});
/**
 * A signal broadcast, appended once to every partition of the commands topic (its
 * `processInstanceKey` is only a routing key that lands on `partition`, no instance's): the
 * partition's owner, reaching it in the log, sends TRIGGER_SIGNAL to every signal catch of its
 * partition waiting for the name then — every catch committed before it, none twice — as Zeebe's
 * SIGNAL BROADCAST command is distributed to every partition (services/engine signal-deliveries.ts).
 */
export const deliverSignalCommandSchema = z.object({
  ...base,
  type: z.literal('DELIVER_SIGNAL'),
  partition: z.number().int().nonnegative(),
  signalKey: keySchema,
  signalName: z.string(),
  variables: variablesSchema,
  tenantId: z.string(),
});
/**
 * A timer (DESIGN §3.7) fell due: the element waiting for it moves on. Appended by the timer
 * scheduler with commandId `timer:<timerKey>:<dueDate>`, so that firings of the same timer by two
 * replicas are applied once. Refused when the timer is no longer armed.
 */
export const triggerTimerCommandSchema = z.object({
  ...base,
  type: z.literal('TRIGGER_TIMER'),
  timerKey: keySchema,
});

/**
 * Sent to the parent (FLOWX notify-parent) when the child instance of a call activity completed:
 * the call activity completes with the child's root variables. Refused when it no longer waits.
 */
export const childInstanceCompletedCommandSchema = z.object({
  ...base,
  type: z.literal('CHILD_INSTANCE_COMPLETED'),
  /** The call activity instance in the parent. */
  elementInstanceKey: keySchema,
  childProcessInstanceKey: keySchema,
  variables: variablesSchema,
});
/** Sent to the parent when its call activity's child could not be created (unknown process id). */
export const childInstanceRejectedCommandSchema = z.object({
  ...base,
  type: z.literal('CHILD_INSTANCE_REJECTED'),
  elementInstanceKey: keySchema,
  childProcessInstanceKey: keySchema,
  message: z.string(),
});

/** The element instance that threw a BPMN error no scope of its own instance catches. */
const errorOriginSchema = z.object({
  processInstanceKey: keySchema,
  elementInstanceKey: keySchema,
  /** Made when the error was thrown: names this throw in command ids (a rethrow is a new one). */
  errorKey: keySchema,
});
/**
 * Sent to the parent when a BPMN error thrown in its call activity's child was not caught there
 * (Zeebe's propagation): caught at the call activity or above, the child is canceled; caught
 * nowhere, the parent passes it up or answers ERROR_NOT_CAUGHT to the thrower.
 */
export const childInstanceErrorThrownCommandSchema = z.object({
  ...base,
  type: z.literal('CHILD_INSTANCE_ERROR_THROWN'),
  /** The call activity instance in the parent. */
  elementInstanceKey: keySchema,
  childProcessInstanceKey: keySchema,
  errorCode: z.string().min(1),
  errorMessage: z.string().optional(),
  variables: variablesSchema.optional(),
  origin: errorOriginSchema,
});
/** Sent back to the thrower's instance: no parent caught the error; an incident waits on the thrower. */
export const errorNotCaughtCommandSchema = z.object({
  ...base,
  type: z.literal('ERROR_NOT_CAUGHT'),
  /** The element instance that threw the error. */
  elementInstanceKey: keySchema,
  errorCode: z.string().min(1),
  errorKey: keySchema,
});

/**
 * Camunda 7 suspension of an instance: no token moves until ACTIVATE_INSTANCE; its jobs are not
 * activatable; message correlations and due timers wait in the instance and run on activation.
 */
export const suspendInstanceCommandSchema = z.object({ ...base, type: z.literal('SUSPEND_INSTANCE') });
export const activateInstanceCommandSchema = z.object({ ...base, type: z.literal('ACTIVATE_INSTANCE') });
/**
 * Suspends or activates one job (`jobKey`) or every open job of one job definition (`elementId`:
 * its slot, the element id or `<elementId>#asyncBefore` / `#asyncAfter`). A suspended job is not
 * handed to workers and cannot be answered.
 */
export const setJobSuspensionCommandSchema = z.object({
  ...base,
  type: z.literal('SET_JOB_SUSPENSION'),
  suspended: z.boolean(),
  jobKey: keySchema.optional(),
  elementId: z.string().optional(),
});
/** The engine runs an asynchronous continuation job (camunda:asyncBefore / asyncAfter) itself. */
export const continueAsyncCommandSchema = z.object({
  ...base,
  type: z.literal('CONTINUE_ASYNC'),
  jobKey: keySchema,
});

/**
 * Sent to the parent when an escalation thrown in its call activity's child was not caught there:
 * an escalation catch on the call activity or above triggers; none, and it goes further up.
 */
export const childInstanceEscalatedCommandSchema = z.object({
  ...base,
  type: z.literal('CHILD_INSTANCE_ESCALATED'),
  /** The call activity instance in the parent. */
  elementInstanceKey: keySchema,
  childProcessInstanceKey: keySchema,
  escalationCode: z.string().min(1),
  /** Made when the escalation was thrown: names it in command ids. */
  escalationKey: keySchema,
});

/**
 * The runtime's answer to a business rule task's decision evaluation (the core asked with
 * DECISION_EVALUATION_REQUESTED, under `decisionEvaluationKey`). It carries the result, so a
 * replay sets the same value whatever has been deployed since; a failure raises an incident.
 * Refused when the task no longer waits for this evaluation.
 */
export const decisionEvaluatedCommandSchema = z.object({
  ...base,
  type: z.literal('DECISION_EVALUATED'),
  /** The business rule task instance. */
  elementInstanceKey: keySchema,
  decisionEvaluationKey: keySchema,
  /** The decision version evaluated; absent when none was found. */
  decisionDefinitionKey: keySchema.optional(),
  /** The value for the task's result variable, when the evaluation succeeded. */
  result: z.unknown().optional(),
  /** Why the evaluation failed: the incident's message. */
  failureMessage: z.string().optional(),
});

/**
 * Camunda 8 process instance modification: every activation, then every termination, as one
 * command — all of them are applied, or the command is refused and nothing changes.
 */
export const modifyInstanceCommandSchema = z.object({
  ...base,
  type: z.literal('MODIFY_INSTANCE'),
  activateInstructions: z.array(activateInstructionSchema),
  terminateInstructions: z.array(terminateInstructionSchema),
});

/**
 * Camunda 8 process instance migration: the instance moves to the target definition, every active
 * element instance to the element its mapping names (keys kept) — all of them, or the command is
 * refused and nothing changes. The target travels as a key: a replay reads the same deployed definition.
 */
export const migrateInstanceCommandSchema = z.object({
  ...base,
  type: z.literal('MIGRATE_INSTANCE'),
  targetProcessDefinitionKey: keySchema,
  mappingInstructions: z.array(migrationMappingInstructionSchema),
});

export const engineCommandSchema = z.discriminatedUnion('type', [
  createInstanceCommandSchema,
  completeJobCommandSchema,
  failJobCommandSchema,
  throwErrorCommandSchema,
  completeUserTaskCommandSchema,
  assignUserTaskCommandSchema,
  cancelInstanceCommandSchema,
  resolveIncidentCommandSchema,
  setVariablesCommandSchema,
  updateJobRetriesCommandSchema,
  correlateMessageCommandSchema,
  triggerTimerCommandSchema,
  triggerSignalCommandSchema,
  deliverSignalCommandSchema,
  childInstanceCompletedCommandSchema,
  childInstanceRejectedCommandSchema,
  childInstanceErrorThrownCommandSchema,
  errorNotCaughtCommandSchema,
  childInstanceEscalatedCommandSchema,
  suspendInstanceCommandSchema,
  activateInstanceCommandSchema,
  setJobSuspensionCommandSchema,
  continueAsyncCommandSchema,
  modifyInstanceCommandSchema,
  decisionEvaluatedCommandSchema,
  migrateInstanceCommandSchema,
]);
export type EngineCommand = z.infer<typeof engineCommandSchema>;
export type EngineCommandType = EngineCommand['type'];
export type CommandOf<T extends EngineCommandType> = Extract<EngineCommand, { type: T }>;
