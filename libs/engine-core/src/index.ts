// Public API of the pure engine core (DESIGN §3.1): apply() and the helpers the runtime needs.
export type * from './state';
export type * from './effects';
export type * from './apply-types';
export { apply } from './apply';
export { visibleVariables } from './variables';
export { toInstanceEvent, hasOpenIncident } from './instance-event';
export { isWaitState, openJobs, openUserTasks, rootVariables } from './wait-states';
export { chooseStartEvent, missingMandatoryVariables } from './start-selection';
export { instructionVariables, startInstructionProblem } from './start-instructions';
export { activityInstanceTree, executionTree } from './instance-trees';
export { suspendedDefinitionMessage, jobDefinitionSlot, asyncJobElementId } from './suspension';
