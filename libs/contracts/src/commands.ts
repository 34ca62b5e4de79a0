// Commands on one process instance: the only way anything changes an instance (DESIGN §3.2).
// They travel on `baton.engine.commands.v1` keyed by processInstanceKey.
import { z } from 'zod';
import { keySchema, variablesSchema } from './json';

/** Where the answer to a command goes: the replica holding the waiting caller (DESIGN §3.9). */
export const replyTargetSchema = z.object({
  requestId: z.string().min(1),
  replicaId: z.string().min(1),
  /** When set, the reply waits for the instance to complete (create with result). */
  awaitCompletion: z.boolean().optional(),
  /** Variable names to return; all root variables when absent. */
  fetchVariables: z.array(z.string()).optional(),
});
export type ReplyTarget = z.infer<typeof replyTargetSchema>;

export const startInstructionSchema = z.object({ elementId: z.string().min(1) });

const base = {
  /** Unique id of this command: a command seen twice is applied once. */
  commandId: z.string().min(1),
  processInstanceKey: keySchema,
  reply: replyTargetSchema.optional(),
};

export const createInstanceCommandSchema = z.object({
  ...base,
  type: z.literal('CREATE_INSTANCE'),
  processDefinitionKey: keySchema,
  variables: variablesSchema,
  startInstructions: z.array(startInstructionSchema).optional(),
  businessKey: z.string().optional(),
  /** Unique among the ACTIVE instances of the process (idempotent creation). */
  businessId: z.string().optional(),
  /** A child instance of a call activity: the parent instance, notified when the child completes. */
  parentProcessInstanceKey: keySchema.optional(),
  /** The parent's call activity instance. */
  parentElementInstanceKey: keySchema.optional(),
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
  childInstanceCompletedCommandSchema,
  childInstanceRejectedCommandSchema,
]);
export type EngineCommand = z.infer<typeof engineCommandSchema>;
export type EngineCommandType = EngineCommand['type'];
export type CommandOf<T extends EngineCommandType> = Extract<EngineCommand, { type: T }>;
