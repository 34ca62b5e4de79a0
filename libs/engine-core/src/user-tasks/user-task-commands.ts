// User task commands: completion (variables through output mappings) and (re)assignment.
import type { CommandOf } from '@baton/contracts';
import { CommandRejectedError, type Draft } from '../instance/draft';
import type { UserTask } from '../instance/state';

function openUserTask(draft: Draft, userTaskKey: string, verb: string): UserTask {
  const task = draft.userTask(userTaskKey);
  if (!task)
    throw new CommandRejectedError(
      'NOT_FOUND',
      `Expected to ${verb} user task with key '${userTaskKey}', but no such user task was found.`,
    );
  if (task.state !== 'CREATED') {
    throw new CommandRejectedError(
      'INVALID_STATE',
      `Expected to ${verb} user task with key '${userTaskKey}', but it is in state '${task.state}'.`,
    );
  }
  return task;
}

export function completeUserTask(draft: Draft, command: CommandOf<'COMPLETE_USER_TASK'>): void {
  const task = openUserTask(draft, command.userTaskKey, 'complete');
  const completed: UserTask = { ...task, state: 'COMPLETED', completionDate: draft.nowIso };
  draft.putUserTask(completed);
  draft.emit({ type: 'USER_TASK_UPDATED', userTask: completed });
  draft.enqueue({ kind: 'complete', elementInstanceKey: task.elementInstanceKey, result: command.variables });
}

/** Sets or (with `null`) removes the assignee; `allowOverride: false` refuses to replace one. */
export function assignUserTask(draft: Draft, command: CommandOf<'ASSIGN_USER_TASK'>): void {
  const task = openUserTask(draft, command.userTaskKey, 'assign');
  if (command.allowOverride === false && task.assignee !== undefined) {
    throw new CommandRejectedError(
      'INVALID_STATE',
      `Expected to assign user task with key '${command.userTaskKey}', but it is already assigned to '${task.assignee}' and allowOverride is false.`,
    );
  }
  const { assignee: _previous, ...rest } = task;
  const assigned: UserTask = command.assignee === null ? rest : { ...rest, assignee: command.assignee };
  draft.putUserTask(assigned);
  draft.emit({ type: 'USER_TASK_UPDATED', userTask: assigned });
}
