// The state of an instance as a coloured badge (ACTIVE, COMPLETED, TERMINATED), marked when an
// incident is open or the instance is suspended.
import { el } from '../dom';

export interface BadgeMarks {
  readonly hasIncident?: boolean | undefined;
  readonly suspended?: boolean | undefined;
}

export function stateBadge(state: string, marks: BadgeMarks = {}): HTMLElement {
  const badge = el('span', { class: 'state', 'data-state': state }, state);
  if (marks.suspended) {
    badge.dataset['suspended'] = 'true';
    badge.append(
      el('span', { class: 'suspended', title: 'Suspended: no token moves until activated' }, ' suspended'),
    );
  }
  if (marks.hasIncident)
    badge.append(el('span', { class: 'incident', title: 'An incident is open' }, ' incident'));
  return badge;
}

/** Puts a badge for the new state in place of `badge` and returns it. */
export function replaceStateBadge(badge: HTMLElement, state: string, marks: BadgeMarks): HTMLElement {
  const fresh = stateBadge(state, marks);
  badge.replaceWith(fresh);
  return fresh;
}
