// An instance as it was at one event of its history: the entries from the first up to that one
// replayed — tokens moved, elements completed, root variables set — into the shape the diagram
// draws. Entries hold only what each event changed, so the moment is their fold.
import type { HistoryEntry, InstanceLiveState } from '@baton/contracts';

/** The instance at one event: what the diagram and the variables pane show. */
export interface HistoryMoment {
  readonly entry: HistoryEntry;
  readonly tokens: InstanceLiveState['tokens'];
  readonly activeElementIds: readonly string[];
  readonly completedElementIds: readonly string[];
  /** The root scope's variables; a value cut in the history is its JSON text's start. */
  readonly variables: Readonly<Record<string, unknown>>;
}

/** Replays `entries[0..index]` (oldest first, from the instance's first entry). */
export function momentAt(entries: readonly HistoryEntry[], index: number): HistoryMoment {
  const entry = entries[index];
  if (entry === undefined) throw new RangeError(`No history entry ${index}`);
  const tokens = new Map<string, InstanceLiveState['tokens'][number]>();
  const completed: string[] = [];
  const variables: Record<string, unknown> = {};
  for (const step of entries.slice(0, index + 1)) {
    for (const token of step.tokens)
      tokens.set(token.tokenKey, { ...token, parentTokenKey: token.parentTokenKey ?? null });
    for (const elementId of step.completedElementIds)
      if (!completed.includes(elementId)) completed.push(elementId);
    for (const change of step.variables)
      if (change.scopeKey === step.processInstanceKey && 'after' in change)
        variables[change.name] = change.after;
  }
  return {
    entry,
    tokens: [...tokens.values()],
    activeElementIds: entry.activeElementIds,
    completedElementIds: completed,
    variables,
  };
}

/** The live state the diagram draws, as it was at the moment. */
export function liveStateAt(latest: InstanceLiveState, moment: HistoryMoment): InstanceLiveState {
  return {
    ...latest,
    state: moment.entry.state,
    suspended: moment.entry.suspended,
    hasIncident: moment.entry.hasIncident,
    tokens: [...moment.tokens],
    activeElementIds: [...moment.activeElementIds],
    completedElementIds: [...moment.completedElementIds],
    timestamp: moment.entry.timestamp,
  };
}
