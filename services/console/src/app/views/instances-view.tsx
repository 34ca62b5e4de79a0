// The instance list with live states: each row's state follows the socket, and an instance the
// list does not show yet makes it reload.
import type { InstanceLiveState, ProcessInstanceSummary } from '@baton/contracts';
import type { ConsoleContext } from '../context';
import { debounce, el, formatDate, replaceChildren } from '../dom';
import { instanceHref, type View } from '../router';
import { errorMessage } from '../toasts';
import { followAllProcesses } from './follow-processes';
import { replaceStateBadge, stateBadge } from './state-badge';

export function renderInstancesView(container: HTMLElement, context: ConsoleContext): View {
  const filter = el(
    'select',
    { name: 'state', 'aria-label': 'State' },
    el('option', { value: '' }, 'All states'),
    ...['ACTIVE', 'COMPLETED', 'TERMINATED'].map((state) => el('option', { value: state }, state)),
  );
  const body = el('tbody');
  const table = el(
    'table',
    { class: 'list instances' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...['Instance', 'Process', 'Version', 'State', 'Started'].map((title) => el('th', {}, title)),
      ),
    ),
    body,
  );
  const badges = new Map<string, HTMLElement>();
  let disposed = false;

  const load = () => {
    context.api
      .searchInstances(filter.value ? { state: filter.value } : {})
      .then((instances) => {
        if (disposed) return;
        badges.clear();
        replaceChildren(body, ...instances.map((instance) => row(instance, badges)));
        if (instances.length === 0)
          body.append(el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'No instances.')));
      })
      .catch((error: unknown) =>
        replaceChildren(body, el('tr', {}, el('td', { colspan: 5, class: 'error' }, errorMessage(error)))),
      );
  };
  const reload = debounce(load, 250);
  filter.addEventListener('change', load);

  const following = followAllProcesses(context, (state: InstanceLiveState) => {
    const badge = badges.get(state.processInstanceKey);
    if (!badge || (filter.value && filter.value !== state.state)) {
      reload();
      return;
    }
    badges.set(state.processInstanceKey, replaceStateBadge(badge, state.state, state));
  });

  container.append(el('h1', {}, 'Instances'), el('div', { class: 'toolbar' }, filter), table);
  load();
  return {
    dispose: () => {
      disposed = true;
      following.stop();
    },
  };
}

function row(instance: ProcessInstanceSummary, badges: Map<string, HTMLElement>): HTMLTableRowElement {
  const badge = stateBadge(instance.state, instance);
  badges.set(instance.processInstanceKey, badge);
  return el(
    'tr',
    { 'data-instance-key': instance.processInstanceKey },
    el(
      'td',
      { 'data-label': 'Instance' },
      el('a', { href: instanceHref(instance.processInstanceKey) }, instance.processInstanceKey),
    ),
    el('td', { 'data-label': 'Process' }, instance.processDefinitionName ?? instance.processDefinitionId),
    el('td', { 'data-label': 'Version' }, `v${instance.processDefinitionVersion}`),
    el('td', { 'data-label': 'State' }, badge),
    el('td', { 'data-label': 'Started' }, formatDate(instance.startDate)),
  );
}
