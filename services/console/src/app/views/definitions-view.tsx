// Process definitions grouped by BPMN process id with their versions, a form to deploy BPMN
// files, and a start form per process.
import type { ProcessDefinitionResponse } from '@baton/contracts';
import type { ConsoleContext } from '../context';
import { el, formatDate, replaceChildren } from '../dom';
import { definitionHref, type View } from '../router';
import { errorMessage } from '../toasts';
import { deployForm } from './deploy-form';
import { startInstanceForm } from './start-instance-form';

export function renderDefinitionsView(container: HTMLElement, context: ConsoleContext): View {
  const list = el('div', { class: 'cards' }, el('p', { class: 'muted' }, 'Loading…'));
  let disposed = false;
  const load = () => {
    context.api
      .listDefinitions()
      .then((definitions) => {
        if (!disposed) replaceChildren(list, ...renderGroups(context, definitions));
      })
      .catch((error: unknown) =>
        replaceChildren(list, el('p', { class: 'error' }, `Cannot list processes: ${errorMessage(error)}`)),
      );
  };
  container.append(el('h1', {}, 'Processes'), deployForm(context, load), list);
  load();
  return { dispose: () => (disposed = true) };
}

function renderGroups(
  context: ConsoleContext,
  definitions: readonly ProcessDefinitionResponse[],
): HTMLElement[] {
  if (definitions.length === 0)
    return [el('p', { class: 'muted' }, 'Nothing deployed yet: deploy a BPMN file above.')];
  const byProcessId = new Map<string, ProcessDefinitionResponse[]>();
  for (const definition of definitions) {
    const versions = byProcessId.get(definition.processDefinitionId) ?? [];
    versions.push(definition);
    byProcessId.set(definition.processDefinitionId, versions);
  }
  return [...byProcessId.entries()]
    .sort(([left], [right]) => left.localeCompare(right))
    .map(([processId, versions]) => {
      const sorted = [...versions].sort((left, right) => right.version - left.version);
      const latest = sorted[0]!;
      return el(
        'article',
        { class: 'card', 'data-process-id': processId },
        el('h2', {}, latest.name ?? processId),
        el('p', { class: 'muted' }, processId, ' · ', latest.resourceName),
        el(
          'ul',
          { class: 'versions', 'aria-label': 'Versions' },
          ...sorted.map((definition) =>
            el(
              'li',
              {
                title: `key ${definition.processDefinitionKey}, deployed ${formatDate(definition.deployedAt)}`,
              },
              // Each version opens its diagram with the counts per element (the heatmap).
              el('a', { href: definitionHref(definition.processDefinitionKey) }, `v${definition.version}`),
            ),
          ),
        ),
        // Camunda 7's isStartableInTasklist="false": started by messages, timers or parents only.
        latest.startableInTasklist === false
          ? el(
              'p',
              { class: 'muted not-startable' },
              'Not started from the console (isStartableInTasklist="false").',
            )
          : startInstanceForm(context, sorted),
      );
    });
}
