// Open user tasks, each with a JSON variables field and a button that completes it
// (POST /v2/user-tasks/{key}/completion) — or, for a task linked to a deployed Camunda form, that
// form drawn by form-js and prefilled with the instance's variables. Used on the tasks page and on
// an instance's page.
import type { UserTaskResponse } from '@baton/contracts';
import type { ConsoleContext } from '../context';
import { el, formatDate, parseVariables, replaceChildren } from '../dom';
import { instanceHref } from '../router';
import { errorMessage, toast } from '../toasts';
import { linkedForm } from './linked-form';

export interface TaskList {
  readonly element: HTMLElement;
  /** Re-reads the open tasks (keeping what the user is typing for tasks still open). */
  readonly refresh: () => void;
}

export function taskList(context: ConsoleContext, filter: { processInstanceKey?: string }): TaskList {
  const element = el('div', { class: 'task-list' }, el('p', { class: 'muted' }, 'Loading tasks…'));
  const cards = new Map<string, HTMLElement>();
  let loading = false;
  let again = false;

  const refresh = () => {
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    context.api
      .searchUserTasks({ ...filter, state: 'CREATED' })
      .then((tasks) => {
        const open = new Set(tasks.map((task) => task.userTaskKey));
        for (const [key, card] of cards) {
          if (!open.has(key)) {
            card.remove();
            cards.delete(key);
          }
        }
        for (const task of tasks) {
          if (!cards.has(task.userTaskKey)) {
            const card = taskCard(context, task, refresh);
            cards.set(task.userTaskKey, card);
            element.append(card);
          }
        }
        element.querySelector(':scope > p')?.remove();
        if (cards.size === 0) replaceChildren(element, el('p', { class: 'muted' }, 'No open user tasks.'));
      })
      .catch((error: unknown) =>
        replaceChildren(element, el('p', { class: 'error' }, `Cannot list tasks: ${errorMessage(error)}`)),
      )
      .finally(() => {
        loading = false;
        if (again) {
          again = false;
          refresh();
        }
      });
  };
  refresh();
  return { element, refresh };
}

function taskCard(context: ConsoleContext, task: UserTaskResponse, refresh: () => void): HTMLElement {
  const variables = el('textarea', {
    name: 'variables',
    rows: 2,
    placeholder: 'Variables (JSON), e.g. {"approved": true}',
    'aria-label': 'Variables (JSON)',
    spellcheck: 'false',
  });
  const button = el('button', { type: 'submit' }, 'Complete');
  const form = el('form', { class: 'complete-form' }, variables, button);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    let parsed: Record<string, unknown>;
    try {
      parsed = parseVariables(variables.value);
    } catch (error) {
      toast(errorMessage(error), 'error');
      return;
    }
    button.disabled = true;
    context.api
      .completeUserTask(task.userTaskKey, parsed)
      .then(() => {
        toast(`Completed ${task.name ?? task.elementId}`);
        refresh();
      })
      .catch((error: unknown) => {
        toast(`Completion failed: ${errorMessage(error)}`, 'error');
        button.disabled = false;
      });
  });
  const card = el(
    'article',
    { class: 'card task', 'data-user-task-key': task.userTaskKey, 'data-element-id': task.elementId },
    el('h3', {}, task.name ?? task.elementId),
    el(
      'p',
      { class: 'muted' },
      task.processDefinitionId,
      ' · instance ',
      el('a', { href: instanceHref(task.processInstanceKey) }, task.processInstanceKey),
      ' · ',
      formatDate(task.creationDate),
      task.assignee ? ` · ${task.assignee}` : '',
    ),
    form,
  );
  showLinkedForm(context, task, form, refresh);
  return card;
}

/** Replaces the JSON field by the task's linked form, when it has one. */
function showLinkedForm(
  context: ConsoleContext,
  task: UserTaskResponse,
  jsonForm: HTMLElement,
  refresh: () => void,
): void {
  context.api
    .userTaskForm(task.userTaskKey)
    .then(async (form) => {
      if (form === undefined) return;
      const instance = await context.api.getInstance(task.processInstanceKey);
      jsonForm.replaceWith(
        await linkedForm({
          form,
          variables: instance.variables,
          submitLabel: 'Complete',
          onSubmit: async (data) => {
            await context.api.completeUserTask(task.userTaskKey, data);
            toast(`Completed ${task.name ?? task.elementId}`);
            refresh();
          },
        }),
      );
    })
    .catch((error: unknown) => toast(`Cannot show the task's form: ${errorMessage(error)}`, 'error'));
}
