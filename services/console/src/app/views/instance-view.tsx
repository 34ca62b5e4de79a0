// One instance, live: its diagram with active / completed elements and token counts, its state,
// tokens, open user tasks and variables, all following the socket without a reload.
import type { InstanceLiveState } from '@baton/contracts';
import type { ConsoleContext } from '../context';
import { InstanceDiagram } from '../diagram/instance-diagram';
import { liveStateAt, type HistoryMoment } from '../history/history-replay';
import { instanceTimeline } from '../history/instance-timeline';
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
  // A moment picked on the timeline: the diagram and variables show it instead of the live state.
  let moment: HistoryMoment | undefined;
  const timeline = instanceTimeline(context, processInstanceKey, (picked) => {
    moment = picked;
    page.dataset['moment'] = picked?.entry.cursor ?? '';
    showOnDiagram();
    loadVariables();
  });
  const page = el(
    'section',
    { class: 'instance', 'data-instance-key': processInstanceKey },
    el('h1', {}, 'Instance ', processInstanceKey, ' ', badge),
    el('p', { class: 'muted' }, revision),
    el(
      'div',
      { class: 'diagram-row' },
      el('div', {}, diagramHost, layoutNote),
      incidents.element,
      timeline.element,
    ),
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
  /** The definition drawn: a migration moves the instance to another one, which is drawn then. */
  let drawnDefinitionKey: string | undefined;
  let disposed = false;

  const loadVariables = debounce(() => {
    if (moment !== undefined) {
      variables.textContent = JSON.stringify(moment.variables, null, 2);
      return;
    }
    context.api
      .getInstance(processInstanceKey)
      .then((instance) => (variables.textContent = JSON.stringify(instance.variables, null, 2)))
      .catch((error: unknown) => (variables.textContent = errorMessage(error)));
  }, 150);

  const showOnDiagram = () => {
    if (!latest || disposed) return;
    if (diagramState === 'ready' && drawnDefinitionKey !== latest.processDefinitionKey) diagramState = 'none';
    if (diagramState === 'ready') diagram.show(moment ? liveStateAt(latest, moment) : latest);
    if (diagramState !== 'none') return;
    diagramState = 'loading';
    const definitionKey = latest.processDefinitionKey;
    context.api
      .definitionXml(definitionKey)
      .then((xml) => diagram.load(xml))
      .then((laidOut) => {
        drawnDefinitionKey = definitionKey;
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
    timeline.refresh();
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
