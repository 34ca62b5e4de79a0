// One process definition's heatmap: its diagram with the count of active, incident, canceled and
// completed element instances on each element (POST …/statistics/element-instances), and the same
// counts as a table. It follows the process over the socket and reads the counts again whenever
// one of the definition's instances changes.
import type { ProcessDefinitionResponse, ProcessElementStatistics } from '@baton/contracts';
import type { ConsoleContext } from '../context';
import { HeatmapDiagram } from '../diagram/heatmap-diagram';
import { el, replaceChildren } from '../dom';
import type { View } from '../router';
import { errorMessage } from '../toasts';

export function renderDefinitionHeatmapView(
  container: HTMLElement,
  context: ConsoleContext,
  processDefinitionKey: string,
): View {
  const title = el('h1', {}, 'Process ', processDefinitionKey);
  const status = el('p', { class: 'muted' }, 'Loading…');
  const diagramHost = el('div', { class: 'diagram', 'aria-label': 'Process diagram with element counts' });
  const layoutNote = el(
    'p',
    { class: 'muted diagram-note', hidden: true },
    'Laid out automatically: this model was deployed without a diagram (BPMNDI).',
  );
  const table = el('tbody');
  const page = el(
    'section',
    { class: 'definition-heatmap', 'data-definition-key': processDefinitionKey },
    title,
    status,
    el(
      'p',
      { class: 'heat-legend muted' },
      el('span', { class: 'heat-count heat-active' }, 'active'),
      ' ',
      el('span', { class: 'heat-count heat-incidents' }, 'incident'),
      ' ',
      el('span', { class: 'heat-count heat-canceled' }, 'canceled'),
      ' ',
      el('span', { class: 'heat-count heat-completed' }, 'completed (end events)'),
    ),
    diagramHost,
    layoutNote,
    el(
      'div',
      { class: 'heat-table-scroll' },
      el(
        'table',
        { class: 'heat-table', 'aria-label': 'Element instances per element' },
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            el('th', {}, 'Element'),
            el('th', {}, 'Active'),
            el('th', {}, 'Incidents'),
            el('th', {}, 'Canceled'),
            el('th', {}, 'Completed'),
          ),
        ),
        table,
      ),
    ),
  );
  container.append(page);

  const diagram = new HeatmapDiagram(diagramHost);
  let disposed = false;
  let diagramReady = false;
  let latest: readonly ProcessElementStatistics[] = [];
  let reading = false;
  let readAgain = false;
  let reads = 0;

  const show = () => {
    if (diagramReady) diagram.show(latest);
    replaceChildren(
      table,
      ...latest.map((item) =>
        el(
          'tr',
          { 'data-element-id': item.elementId },
          el('td', {}, item.elementId),
          el('td', { 'data-kind': 'active' }, item.active),
          el('td', { 'data-kind': 'incidents' }, item.incidents),
          el('td', { 'data-kind': 'canceled' }, item.canceled),
          el('td', { 'data-kind': 'completed' }, item.completed),
        ),
      ),
    );
    if (latest.length === 0)
      table.append(el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'No instances yet.')));
  };

  // One read at a time; changes during a read ask for one more afterwards (a burst costs two reads).
  const readCounts = () => {
    if (disposed) return;
    if (reading) {
      readAgain = true;
      return;
    }
    reading = true;
    context.api
      .definitionStatistics(processDefinitionKey)
      .then((items) => {
        if (disposed) return;
        latest = items;
        page.dataset['reads'] = String(++reads);
        show();
      })
      .catch((error: unknown) => (status.textContent = `Cannot read the counts: ${errorMessage(error)}`))
      .finally(() => {
        reading = false;
        if (readAgain) {
          readAgain = false;
          readCounts();
        }
      });
  };

  let following: { stop(): void } | undefined;
  const start = (definition: ProcessDefinitionResponse) => {
    replaceChildren(title, definition.name ?? definition.processDefinitionId, ` v${definition.version}`);
    status.textContent = `${definition.processDefinitionId} · key ${processDefinitionKey} · element instances over all its instances, live`;
    following = context.live.follow({ processDefinitionId: definition.processDefinitionId }, (state) => {
      if (state.processDefinitionKey === processDefinitionKey) readCounts();
    });
    readCounts();
  };

  context.api
    .listDefinitions()
    .then((definitions) => {
      const definition = definitions.find((each) => each.processDefinitionKey === processDefinitionKey);
      if (!definition) throw new Error(`No process definition with key ${processDefinitionKey}.`);
      if (disposed) return undefined;
      start(definition);
      return context.api.definitionXml(processDefinitionKey);
    })
    .then(async (xml) => {
      if (xml === undefined || disposed) return;
      layoutNote.hidden = !(await diagram.load(xml));
      diagramReady = true;
      show();
    })
    .catch((error: unknown) =>
      replaceChildren(
        diagramHost,
        el('p', { class: 'error' }, `Cannot draw the diagram: ${errorMessage(error)}`),
      ),
    );

  return {
    dispose: () => {
      disposed = true;
      following?.stop();
      diagram.destroy();
    },
  };
}
