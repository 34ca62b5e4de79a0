// The instructions of a process instance modification (Camunda 8 ModifyProcessInstance), as the
// MODIFY_INSTANCE command carries them on the commands topic: elements to activate, with the
// variables to create in their scopes, and element instances to terminate — applied as one command.
import { z } from 'zod';
import { keySchema, variablesSchema } from './json';

/** Variables created in one scope while an element is activated: its own, or one of its flow scopes. */
export const modificationVariableInstructionSchema = z.object({
  variables: variablesSchema,
  /**
   * The element whose instance gets the variables as local ones: the activated element, one of
   * its flow scopes, or the process id; empty or absent means the process instance's root scope.
   */
  scopeId: z.string().optional(),
});
export type ModificationVariableInstruction = z.infer<typeof modificationVariableInstructionSchema>;

export const activateInstructionSchema = z.object({
  /** The element to activate; its missing flow scopes (embedded subprocesses) are created first. */
  elementId: z.string().min(1),
  /**
   * An active element instance that is an ancestor of the new one: picks among several instances
   * of a flow scope, or asks for new flow scope instances below it. Absent: the existing instance.
   */
  ancestorElementInstanceKey: keySchema.optional(),
  variableInstructions: z.array(modificationVariableInstructionSchema).optional(),
});
export type ActivateInstruction = z.infer<typeof activateInstructionSchema>;

export const terminateInstructionSchema = z.object({
  /** An active element instance: it ends with everything inside it. */
  elementInstanceKey: keySchema,
});
export type TerminateInstruction = z.infer<typeof terminateInstructionSchema>;
