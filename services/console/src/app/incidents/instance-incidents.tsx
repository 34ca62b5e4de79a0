// An instance's open incidents beside its diagram: shown only while it has some, each element with
// one marked on the diagram. The instance page calls `refresh` on every live update of the instance
// (an incident raised or resolved changes it).
import type { ConsoleContext } from '../context';
import { debounce, el } from '../dom';
import { incidentList } from './incident-list';

export interface InstanceIncidents {
  /** The panel; hidden while the instance has no open incident. */
  readonly element: HTMLElement;
  readonly refresh: () => void;
}

export function instanceIncidents(
  context: ConsoleContext,
  processInstanceKey: string,
  /** The elements with an open incident, after every read. */
  onElements: (elementIds: readonly string[]) => void,
): InstanceIncidents {
  const heading = el('h2', {}, 'Incidents');
  const element = el('aside', { class: 'instance-incidents', hidden: true, 'aria-label': 'Incidents' });
  const list = incidentList(
    context,
    { processInstanceKey },
    {
      showInstance: false,
      onRead: (incidents) => {
        element.hidden = incidents.length === 0;
        heading.textContent = `Incidents (${incidents.length})`;
        onElements([...new Set(incidents.map((incident) => incident.elementId))]);
      },
    },
  );
  element.append(heading, list.element);
  return { element, refresh: debounce(() => list.refresh(), 150) };
}
