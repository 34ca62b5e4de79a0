// The mapping of a process instance migration (Camunda 8 MigrateProcessInstance), as the
// MIGRATE_INSTANCE command carries it on the commands topic: which element of the instance's
// definition becomes which element of the target definition.
import { z } from 'zod';

export const migrationMappingInstructionSchema = z.object({
  /** An element of the instance's current definition (an activity, a catch event, a subprocess). */
  sourceElementId: z.string().min(1),
  /** The element of the target definition its instances become. */
  targetElementId: z.string().min(1),
});
export type MigrationMappingInstruction = z.infer<typeof migrationMappingInstructionSchema>;
