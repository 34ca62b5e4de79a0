// The instructions of a process instance modification as the engine's operations take them
// (POST /v2/process-instances/{key}/modification → MODIFY_INSTANCE).
import type { ActivateInstruction, TerminateInstruction } from '@baton/contracts';

export interface InstanceModification {
  readonly activateInstructions: readonly ActivateInstruction[];
  readonly terminateInstructions: readonly TerminateInstruction[];
}
