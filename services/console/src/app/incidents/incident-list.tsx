// The open incidents of one instance or across instances (POST /v2/incidents/search), one card
// each. Re-read on demand (the views call `refresh` when an instance changes on the socket); a card
// whose incident is still open is kept as it is, so what an operator is typing survives a refresh.
import type { IncidentDto } from '@baton/contracts';
import type { ConsoleContext } from '../context';
import { el, replaceChildren } from '../dom';
import { errorMessage } from '../toasts';
import { incidentCard } from './incident-card';
import { operatorAccess } from './operator-access';

export interface IncidentFilter {
  readonly processInstanceKey?: string;
  readonly processDefinitionId?: string;
}

export interface IncidentList {
  readonly element: HTMLElement;
  /** Re-reads the incidents; a new filter replaces the current one. */
  readonly refresh: (filter?: IncidentFilter) => void;
}

export interface IncidentListOptions {
  /** Show each incident's process and instance (the list across instances). */
  readonly showInstance: boolean;
  /** Told the open incidents after every read (the instance page marks them on the diagram). */
  readonly onRead?: (incidents: readonly IncidentDto[]) => void;
}

export function incidentList(
  context: ConsoleContext,
  initialFilter: IncidentFilter,
  options: IncidentListOptions,
): IncidentList {
  const element = el('div', { class: 'incident-list' }, el('p', { class: 'muted' }, 'Loading incidents…'));
  const cards = new Map<string, HTMLElement>();
  let filter = initialFilter;
  let reading = false;
  let readAgain = false;

  const show = async (incidents: readonly IncidentDto[]) => {
    const access = await operatorAccess(context.api);
    const open = new Set(incidents.map((incident) => incident.incidentKey));
    for (const [key, card] of cards) {
      if (!open.has(key)) {
        card.remove();
        cards.delete(key);
      }
    }
    element.querySelector(':scope > p')?.remove();
    for (const incident of incidents) {
      if (cards.has(incident.incidentKey)) continue;
      const card = incidentCard(context, {
        incident,
        access,
        showInstance: options.showInstance,
        onChanged: () => refresh(),
      });
      cards.set(incident.incidentKey, card);
      element.append(card);
    }
    element.dataset['count'] = String(cards.size);
    if (cards.size === 0) element.append(el('p', { class: 'muted' }, 'No open incidents.'));
    options.onRead?.(incidents);
  };

  // One read at a time; a change during a read asks for one more afterwards.
  const refresh = (next?: IncidentFilter) => {
    if (next !== undefined) {
      filter = next;
      for (const card of cards.values()) card.remove();
      cards.clear();
    }
    if (reading) {
      readAgain = true;
      return;
    }
    reading = true;
    context.api
      .searchIncidents({ ...filter, state: 'ACTIVE' })
      .then(show)
      .catch((error: unknown) => {
        cards.clear();
        replaceChildren(
          element,
          el('p', { class: 'error' }, `Cannot list incidents: ${errorMessage(error)}`),
        );
      })
      .finally(() => {
        reading = false;
        if (readAgain) {
          readAgain = false;
          refresh();
        }
      });
  };
  refresh();
  return { element, refresh };
}
