// Every open incident across instances (#/incidents), filtered by process: what an operator
// works through first. The list reads again whenever an instance of a deployed process changes.
import type { ConsoleContext } from '../context';
import { debounce, el } from '../dom';
import type { View } from '../router';
import { errorMessage, toast } from '../toasts';
import { followAllProcesses } from '../views/follow-processes';
import { incidentList, type IncidentFilter } from './incident-list';

export function renderIncidentsView(container: HTMLElement, context: ConsoleContext): View {
  const process = el(
    'select',
    { name: 'process', 'aria-label': 'Process' },
    el('option', { value: '' }, 'All processes'),
  );
  const filterOf = (): IncidentFilter => (process.value ? { processDefinitionId: process.value } : {});
  const list = incidentList(context, filterOf(), { showInstance: true });
  process.addEventListener('change', () => list.refresh(filterOf()));
  const following = followAllProcesses(
    context,
    debounce(() => list.refresh(), 250),
  );

  context.api
    .listDefinitions()
    .then((definitions) => {
      const ids = [...new Set(definitions.map((definition) => definition.processDefinitionId))].sort();
      process.append(...ids.map((id) => el('option', { value: id }, id)));
    })
    .catch((error: unknown) => toast(`Cannot list processes: ${errorMessage(error)}`, 'error'));

  container.append(el('h1', {}, 'Incidents'), el('div', { class: 'toolbar' }, process), list.element);
  return { dispose: () => following.stop() };
}
