// One instance, live: its diagram with active / completed elements and token counts, its state,
// tokens, open user tasks and variables, all following the socket without a reload.
import type { InstanceLiveState } from '@baton/contracts';
import type { ConsoleContext } from '../context';
import { InstanceDiagram } from '../diagram/instance-diagram';
import { debounce, el, formatDate, replaceChildren } from '../dom';
import { instanceIncidents } from '../incidents/instance-incidents';
import type { View } from '../router';
import { errorMessage } from '../toasts';
import { replaceStateBadge, stateBadge } from './state-badge';
import { taskList } from './task-list';

export function renderInstanceView(
  container: HTMLElement,
  context: ConsoleContext,
  processInstanceKey: string,
): View {
  let badge = stateBadge('…');
  const revision = el('span', { class: 'revision' }, 'waiting for the engine…');
  const diagramHost = el('div', { class: 'diagram', 'aria-label': 'Process diagram' });
  const layoutNote = el(
    'p',
    { class: 'muted diagram-note', hidden: true },
    'Laid out automatically: this model was deployed without a diagram (BPMNDI).',
  );
  const tokens = el('ul', { class: 'tokens' });
  const variables = el('pre', { class: 'variables' }, '…');
  const tasks = taskList(context, { processInstanceKey });
  const incidents = instanceIncidents(context, processInstanceKey, (elementIds) => {
    if (!disposed) diagram.showIncidents(elementIds);
  });
  const page = el(
    'section',
    { class: 'instance', 'data-instance-key': processInstanceKey },
    el('h1', {}, 'Instance ', processInstanceKey, ' ', badge),
    el('p', { class: 'muted' }, revision),
    el('div', { class: 'diagram-row' }, el('div', {}, diagramHost, layoutNote), incidents.element),
    el(
      'div',
      { class: 'columns' },
      el('div', {}, el('h2', {}, 'User tasks'), tasks.element),
      el('div', {}, el('h2', {}, 'Tokens'), tokens),
    ),
    el('h2', {}, 'Variables'),
    variables,
  );
  container.append(page);

  const diagram = new InstanceDiagram(diagramHost);
  let latest: InstanceLiveState | undefined;
  let diagramState: 'none' | 'loading' | 'ready' | 'failed' = 'none';
  let disposed = false;

  const loadVariables = debounce(() => {
    context.api
      .getInstance(processInstanceKey)
      .then((instance) => (variables.textContent = JSON.stringify(instance.variables, null, 2)))
      .catch((error: unknown) => (variables.textContent = errorMessage(error)));
  }, 150);

  const showOnDiagram = () => {
    if (!latest || disposed) return;
    if (diagramState === 'ready') diagram.show(latest);
    if (diagramState !== 'none') return;
    diagramState = 'loading';
    context.api
      .definitionXml(latest.processDefinitionKey)
      .then((xml) => diagram.load(xml))
      .then((laidOut) => {
        layoutNote.hidden = !laidOut;
        diagramState = 'ready';
        showOnDiagram();
      })
      .catch((error: unknown) => {
        diagramState = 'failed';
        replaceChildren(
          diagramHost,
          el('p', { class: 'error' }, `Cannot draw the diagram: ${errorMessage(error)}`),
        );
      });
  };

  const following = context.live.follow({ processInstanceKey }, (state) => {
    latest = state;
    badge = replaceStateBadge(badge, state.state, state);
    page.dataset['state'] = state.state;
    page.dataset['revision'] = String(state.revision);
    revision.textContent = `${state.processDefinitionId} · revision ${state.revision}${state.timestamp ? ` · changed ${formatDate(state.timestamp)}` : ''}`;
    replaceChildren(
      tokens,
      ...state.tokens.map((token) =>
        el('li', { 'data-state': token.state }, `${token.elementId}: ${token.state}`),
      ),
    );
    if (state.tokens.length === 0) tokens.append(el('li', { class: 'muted' }, 'No tokens.'));
    showOnDiagram();
    tasks.refresh();
    incidents.refresh();
    loadVariables();
  });

  return {
    dispose: () => {
      disposed = true;
      following.stop();
      diagram.destroy();
    },
  };
}
