// From instance events to history entries (issue 17): each event carries the whole token list and
// the elements completed so far; an entry keeps only what the event moved — the tokens that
// appeared, moved or changed state, the elements completed for the first time — beside the
// command, its sender and the variables it changed (engine-core's `change`). The trail is what
// the projector remembers of an instance between two of its events; it can be rebuilt from the
// instance's stored entries.
import { historyCursor, type HistoryEntry, type InstanceEvent } from '@baton/contracts';
import { compareHistoryPositions, type HistoryPosition } from '@baton/store';

type HistoryToken = HistoryEntry['tokens'][number];

/** An instance event stamped by the command processor (revision and index within it). */
export type StampedInstanceEvent = InstanceEvent & { readonly revision: number; readonly eventIndex: number };

/** What the projector knows of an instance: its tokens as last recorded, and how far it got. */
export interface InstanceTrail {
  readonly tokens: Map<string, HistoryToken>;
  completedCount: number;
  /** The last event recorded; absent before the first. */
  last: HistoryPosition | undefined;
}

export function emptyTrail(): InstanceTrail {
  return { tokens: new Map(), completedCount: 0, last: undefined };
}

/** The trail after the stored entries of an instance, oldest first. */
export function trailOf(entries: readonly HistoryEntry[]): InstanceTrail {
  const trail = emptyTrail();
  for (const entry of entries) {
    for (const token of entry.tokens) trail.tokens.set(token.tokenKey, token);
    trail.completedCount += entry.completedElementIds.length;
    trail.last = { revision: entry.revision, eventIndex: entry.eventIndex };
  }
  return trail;
}

/** True when the trail has recorded this event already (a redelivery). */
export function alreadyRecorded(trail: InstanceTrail, event: StampedInstanceEvent): boolean {
  return trail.last !== undefined && compareHistoryPositions(event, trail.last) <= 0;
}

/** The entry of the event; moves the trail past it. */
export function recordEvent(trail: InstanceTrail, event: StampedInstanceEvent): HistoryEntry {
  const tokens: HistoryToken[] = [];
  for (const token of event.tokens) {
    const known = trail.tokens.get(token.tokenKey);
    if (known !== undefined && known.elementId === token.elementId && known.state === token.state) continue;
    // Literals rather than conditional spreads, which V8 copies on its slow path.
    const recorded: HistoryToken = token.parentTokenKey
      ? {
          tokenKey: token.tokenKey,
          parentTokenKey: token.parentTokenKey,
          elementId: token.elementId,
          state: token.state,
        }
      : { tokenKey: token.tokenKey, elementId: token.elementId, state: token.state };
    tokens.push(recorded);
    trail.tokens.set(token.tokenKey, recorded);
  }
  const completedElementIds = event.completedElementIds.slice(trail.completedCount);
  trail.completedCount = Math.max(trail.completedCount, event.completedElementIds.length);
  trail.last = { revision: event.revision, eventIndex: event.eventIndex };
  const change = event.change;
  const cursor = historyCursor(event.revision, event.eventIndex);
  const suspended = event.suspended ?? false;
  const activeElementIds = [...event.activeElementIds];
  // One literal per case, in the order of the schema: fields added to a literal one by one move it
  // to a property store of its own, grown as they come (an allocation or two per entry).
  const entry: Mutable<HistoryEntry> =
    change === undefined
      ? {
          processInstanceKey: event.processInstanceKey,
          cursor,
          revision: event.revision,
          eventIndex: event.eventIndex,
          timestamp: event.timestamp,
          state: event.state,
          suspended,
          hasIncident: event.hasIncident,
          activeElementIds,
          completedElementIds,
          tokens,
          variables: [],
        }
      : change.actor === undefined
        ? {
            processInstanceKey: event.processInstanceKey,
            cursor,
            revision: event.revision,
            eventIndex: event.eventIndex,
            timestamp: event.timestamp,
            command: change.command,
            state: event.state,
            suspended,
            hasIncident: event.hasIncident,
            activeElementIds,
            completedElementIds,
            tokens,
            variables: change.variables,
          }
        : {
            processInstanceKey: event.processInstanceKey,
            cursor,
            revision: event.revision,
            eventIndex: event.eventIndex,
            timestamp: event.timestamp,
            command: change.command,
            actor: change.actor,
            state: event.state,
            suspended,
            hasIncident: event.hasIncident,
            activeElementIds,
            completedElementIds,
            tokens,
            variables: change.variables,
          };
  if (change?.variablesOmitted !== undefined) entry.variablesOmitted = change.variablesOmitted;
  return entry;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
