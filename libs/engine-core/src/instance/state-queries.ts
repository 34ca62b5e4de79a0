// Small queries the runtime needs on a stored instance: which elements wait for the outside
// world, and the open jobs and user tasks to index.
import type { FlowNode } from '@baton/bpmn';
import type { InstanceState, Job, UserTask } from './state';

/** True for elements that wait for a command from outside (a worker, a user or a message). */
export function isWaitState(node: FlowNode): boolean {
  switch (node.kind) {
    case 'intermediateCatchEvent':
    case 'receiveTask':
    case 'eventBasedGateway':
    case 'serviceTask':
    case 'sendTask':
    case 'businessRuleTask':
    case 'userTask':
      return true;
    case 'scriptTask':
      return node.script === undefined && node.job !== undefined;
    default:
      return false;
  }
}

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
