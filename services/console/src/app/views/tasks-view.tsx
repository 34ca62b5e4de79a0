// Every open user task; the list refreshes when an instance of a deployed process changes.
import type { ConsoleContext } from '../context';
import { debounce, el } from '../dom';
import type { View } from '../router';
import { followAllProcesses } from './follow-processes';
import { taskList } from './task-list';

export function renderTasksView(container: HTMLElement, context: ConsoleContext): View {
  const tasks = taskList(context, {});
  const following = followAllProcesses(context, debounce(tasks.refresh, 200));
  container.append(el('h1', {}, 'Tasks'), tasks.element);
  return { dispose: () => following.stop() };
}
