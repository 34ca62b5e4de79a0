// Public API of the pure engine core (DESIGN §3.1): apply() and the helpers the runtime needs.
export type * from './instance/state';
export type * from './instance/effects';
export type * from './instance/apply-types';
export { apply } from './instance/apply';
export { visibleVariables } from './variables/variables';
export { toInstanceEvent, instanceSummary, hasOpenIncident } from './instance/instance-event';
export { isWaitState } from './elements/registry';
export { openJobs, openUserTasks, rootVariables } from './instance/state-queries';
export { chooseStartEvent, missingMandatoryVariables } from './start/start-selection';
export { instructionVariables, startInstructionProblem } from './start/start-instructions';
export { createArmsEventSubProcesses } from './events/event-subprocesses';
export { activityInstanceTree, executionTree } from './instance/instance-trees';
export { suspendedDefinitionMessage, jobDefinitionSlot, asyncJobElementId } from './instance/suspension';
export { tryPlanMigration } from './migration/migration-plan';
export type { MigrationInput, MigrationPlan, PlannedElementInstance } from './migration/migration-plan';
export type { PlannedCatchEvent } from './migration/catch-event-plan';
