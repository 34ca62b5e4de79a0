// The user task: entering it creates a task record (user-tasks/user-tasks.ts) and it waits for
// COMPLETE_USER_TASK (user-tasks/user-task-commands.ts); terminated, its task is canceled.
import type { UserTaskNode } from '@baton/bpmn';
import { cancelUserTask, createUserTask } from '../user-tasks/user-tasks';
import { WAIT, type ElementBehaviour } from './element-behaviour';

export const userTask: ElementBehaviour<UserTaskNode> = {
  activate(draft, node, instance) {
    createUserTask(draft, instance, node.userTask, node.name);
    return WAIT;
  },
  terminate(draft, instance) {
    if (instance.userTaskKey !== undefined) cancelUserTask(draft, instance.userTaskKey);
  },
  waitsForCommand: () => true,
};
