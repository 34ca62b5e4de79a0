// User tasks: a user task element creates a task record (assignee and candidates evaluated
// from the model) and waits for COMPLETE_USER_TASK.
import type { UserTaskModel, ValueSource } from '@baton/bpmn';
import type { Variables } from '@baton/contracts';
import { raiseIncident } from '../errors/incidents';
import type { Draft } from '../instance/draft';
import type { ElementInstance, UserTask } from '../instance/state';
import { collectVisibleVariables } from '../variables/scope-chain';
import { extractInteger, extractString, extractStringList, type Extracted } from '../variables/value-sources';

/** Camunda 8's default user task priority. */
const DEFAULT_PRIORITY = 50;

/** Creates the user task of an element instance (USER_TASK_UPDATED), or an incident if an expression fails. */
export function createUserTask(
  draft: Draft,
  instance: ElementInstance,
  model: UserTaskModel,
  name: string | undefined,
): void {
  const context = collectVisibleVariables(draft, instance.key);
  const failures: string[] = [];
  const pick = <T>(
    source: ValueSource | undefined,
    extract: (s: ValueSource, c: Variables) => Extracted<T>,
  ): T | undefined => {
    if (!source) return undefined;
    const result = extract(source, context);
    if (result.ok) return result.value;
    failures.push(result.message);
    return undefined;
  };
  const assignee = pick(model.assignee, extractString);
  const candidateGroups = pick(model.candidateGroups, extractStringList) ?? [];
  const candidateUsers = pick(model.candidateUsers, extractStringList) ?? [];
  const dueDate = pick(model.dueDate, extractString);
  const followUpDate = pick(model.followUpDate, extractString);
  const priority = pick(model.priority, extractInteger) ?? DEFAULT_PRIORITY;
  if (failures.length > 0) {
    raiseIncident(draft, instance.key, {
      errorType: 'EXTRACT_VALUE_ERROR',
      errorMessage: failures.join('; '),
      pendingStep: 'ACTIVATE',
    });
    return;
  }
  const { definition: ref } = draft.ctx;
  const task: UserTask = {
    userTaskKey: draft.key(),
    elementId: instance.elementId,
    elementInstanceKey: instance.key,
    processInstanceKey: draft.rootKey,
    processDefinitionKey: ref.processDefinitionKey,
    processDefinitionId: ref.processDefinitionId,
    processDefinitionVersion: ref.processDefinitionVersion,
    ...(name !== undefined ? { name } : {}),
    state: 'CREATED',
    ...(assignee ? { assignee } : {}),
    candidateGroups,
    candidateUsers,
    ...(model.formKey !== undefined ? { formKey: model.formKey } : {}),
    ...(dueDate !== undefined ? { dueDate } : {}),
    ...(followUpDate !== undefined ? { followUpDate } : {}),
    priority,
    creationDate: draft.nowIso,
    tenantId: ref.tenantId,
  };
  draft.putUserTask(task);
  draft.updateElementInstance(instance.key, { userTaskKey: task.userTaskKey });
  draft.emit({ type: 'USER_TASK_UPDATED', userTask: task });
}

/** Cancels an open user task (termination of its element). */
export function cancelUserTask(draft: Draft, userTaskKey: string): void {
  const task = draft.userTask(userTaskKey);
  if (!task || task.state !== 'CREATED') return;
  const canceled: UserTask = { ...task, state: 'CANCELED' };
  draft.putUserTask(canceled);
  draft.emit({ type: 'USER_TASK_UPDATED', userTask: canceled });
}
