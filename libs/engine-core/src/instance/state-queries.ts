// Small queries the runtime needs on a stored instance: the open jobs and user tasks to index,
// the process-level variables. (Which elements wait for the outside world: elements/registry.ts.)
import type { InstanceState, Job, UserTask } from './state';

/** Jobs a worker may activate (possibly after `retryAt`). */
export function openJobs(state: InstanceState): Job[] {
  return Object.values(state.jobs).filter((job) => job.state === 'ACTIVATABLE');
}

/** User tasks waiting for completion. */
export function openUserTasks(state: InstanceState): UserTask[] {
  return Object.values(state.userTasks).filter((task) => task.state === 'CREATED');
}

/** The process-level variables of an instance. */
export function rootVariables(state: InstanceState): Readonly<Record<string, unknown>> {
  return state.variables[state.processInstanceKey] ?? {};
}
