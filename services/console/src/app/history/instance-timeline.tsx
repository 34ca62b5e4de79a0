// An instance's timeline beside its diagram (issue 17): every event of its history, oldest first,
// with its time, what was done and by whom, the elements it reached and the variables it changed
// (before → after). Clicking an entry shows the instance as it was then (history-replay.tsx);
// "Back to live" follows the socket again. The instance page calls `refresh` on every live update.
import type { HistoryEntry, VariableChange } from '@baton/contracts';
import type { ConsoleContext } from '../context';
import { debounce, el, formatDate, replaceChildren } from '../dom';
import { errorMessage } from '../toasts';
import { momentAt, type HistoryMoment } from './history-replay';

export interface InstanceTimeline {
  readonly element: HTMLElement;
  readonly refresh: () => void;
}

/** What a person calls each command. */
const commandNames: Readonly<Record<string, string>> = {
  CREATE_INSTANCE: 'Started',
  COMPLETE_JOB: 'Job completed',
  FAIL_JOB: 'Job failed',
  THROW_ERROR: 'Error thrown',
  COMPLETE_USER_TASK: 'User task completed',
  ASSIGN_USER_TASK: 'User task assigned',
  CANCEL_INSTANCE: 'Canceled',
  RESOLVE_INCIDENT: 'Incident resolved',
  SET_VARIABLES: 'Variables set',
  UPDATE_JOB_RETRIES: 'Job retries updated',
  CORRELATE_MESSAGE: 'Message received',
  TRIGGER_TIMER: 'Timer fired',
  TRIGGER_SIGNAL: 'Signal received',
  SUSPEND_INSTANCE: 'Suspended',
  ACTIVATE_INSTANCE: 'Activated',
  MODIFY_INSTANCE: 'Modified',
};

const pageSize = 1000;

export function instanceTimeline(
  context: ConsoleContext,
  processInstanceKey: string,
  /** The moment to show, or undefined for the live instance. */
  onSelect: (moment: HistoryMoment | undefined) => void,
): InstanceTimeline {
  const status = el('p', { class: 'muted' }, 'Reading the history…');
  const back = el(
    'button',
    { type: 'button', class: 'timeline-live', hidden: true, onclick: () => select(undefined) },
    'Back to live',
  );
  const list = el('ol', { class: 'timeline-entries' });
  const element = el(
    'aside',
    { class: 'instance-timeline', 'aria-label': 'History' },
    el('h2', {}, 'History'),
    back,
    status,
    list,
  );
  let entries: HistoryEntry[] = [];
  let selected: number | undefined;

  const select = (index: number | undefined) => {
    selected = index;
    back.hidden = index === undefined;
    for (const [position, item] of [...list.children].entries())
      item.classList.toggle('selected', position === index);
    onSelect(index === undefined ? undefined : momentAt(entries, index));
  };

  const render = () => {
    replaceChildren(list, ...entries.map((entry, index) => entryItem(entry, () => select(index))));
    status.textContent = entries.length === 0 ? 'No events yet.' : `${entries.length} events`;
    if (selected !== undefined) list.children[selected]?.classList.add('selected');
  };

  const load = async () => {
    const read: HistoryEntry[] = [];
    let after: string | undefined;
    do {
      const page = await context.api.instanceHistory(processInstanceKey, { limit: pageSize, after });
      read.push(...page.items);
      after = page.page.hasMoreItems ? page.page.endCursor : undefined;
    } while (after !== undefined);
    entries = read;
    render();
  };

  const refresh = debounce(() => {
    load().catch((error: unknown) => (status.textContent = errorMessage(error)));
  }, 150);
  refresh();
  return { element, refresh };
}

function entryItem(entry: HistoryEntry, onclick: () => void): HTMLElement {
  const reached = entry.tokens.map((token) => `${token.elementId} (${token.state.toLowerCase()})`);
  return el(
    'li',
    { 'data-cursor': entry.cursor, 'data-command': entry.command ?? '' },
    el(
      'button',
      { type: 'button', class: 'timeline-entry', onclick },
      el('span', { class: 'timeline-what' }, commandNames[entry.command ?? ''] ?? entry.command ?? 'Changed'),
      entry.actor !== undefined && el('span', { class: 'timeline-actor' }, ` by ${entry.actor}`),
      el('time', { class: 'muted', datetime: entry.timestamp }, ` ${formatDate(entry.timestamp)}`),
    ),
    reached.length > 0 && el('div', { class: 'timeline-tokens muted' }, `→ ${reached.join(', ')}`),
    entry.variables.length > 0 &&
      el('ul', { class: 'timeline-variables' }, ...entry.variables.map(variableItem)),
    entry.variablesOmitted !== undefined &&
      el('div', { class: 'muted' }, `and ${entry.variablesOmitted} more variables`),
  );
}

function variableItem(change: VariableChange): HTMLElement {
  const shown = (value: unknown, truncated: boolean | undefined) =>
    truncated ? `${String(value)}…` : JSON.stringify(value);
  const text =
    'before' in change
      ? `${change.name}: ${shown(change.before, change.beforeTruncated)} → ${shown(change.after, change.afterTruncated)}`
      : `${change.name} = ${shown(change.after, change.afterTruncated)}`;
  return el('li', { 'data-variable': change.name }, text);
}
