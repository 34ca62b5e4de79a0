// The state of an instance as a coloured badge (ACTIVE, COMPLETED, TERMINATED, incident).
import { el } from '../dom';

export function stateBadge(state: string, hasIncident = false): HTMLElement {
  const badge = el('span', { class: 'state', 'data-state': state }, state);
  if (hasIncident) badge.append(el('span', { class: 'incident', title: 'An incident is open' }, ' incident'));
  return badge;
}

/** Puts a badge for the new state in place of `badge` and returns it. */
export function replaceStateBadge(badge: HTMLElement, state: string, hasIncident: boolean): HTMLElement {
  const fresh = stateBadge(state, hasIncident);
  badge.replaceWith(fresh);
  return fresh;
}
