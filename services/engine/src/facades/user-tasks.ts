// User tasks: search from the read model; completion and assignment as commands on the task's instance.
import type { Variables } from '@baton/contracts';
import type { UserTask } from '@baton/engine-core';
import type { UserTaskStore } from '@baton/store';
import type { SearchResult, UserTaskQuery } from '../engine-service';
import type { CommandSender } from '../runtime/command-sender';
import { newCommand } from '../runtime/new-command';
import { instanceOfUserTask } from './instance-lookup';

export class UserTasksFacade {
  constructor(
    private readonly options: { readonly userTasks: UserTaskStore; readonly commands: CommandSender },
  ) {}

  async searchUserTasks(query: UserTaskQuery): Promise<SearchResult<UserTask>> {
    const page = await this.options.userTasks.search(query);
    return { items: page.items, totalItems: page.totalItems };
  }

  async completeUserTask(
    userTaskKey: string,
    variables: Variables = {},
    action?: string,
    actor?: string,
  ): Promise<void> {
    const processInstanceKey = await instanceOfUserTask(this.options.userTasks, userTaskKey);
    await this.options.commands.sendAndAwait(
      newCommand({
        type: 'COMPLETE_USER_TASK',
        processInstanceKey,
        userTaskKey,
        variables,
        ...(action !== undefined ? { action } : {}),
        ...(actor !== undefined && { actor }),
      }),
    );
  }

  async assignUserTask(
    userTaskKey: string,
    assignee: string | null,
    allowOverride?: boolean,
    actor?: string,
  ): Promise<void> {
    const processInstanceKey = await instanceOfUserTask(this.options.userTasks, userTaskKey);
    await this.options.commands.sendAndAwait(
      newCommand({
        type: 'ASSIGN_USER_TASK',
        processInstanceKey,
        userTaskKey,
        assignee,
        ...(allowOverride !== undefined ? { allowOverride } : {}),
        ...(actor !== undefined && { actor }),
      }),
    );
  }
}
