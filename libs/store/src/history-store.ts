// The instance history (issue 17): one entry per instance event, written by the engine's history
// projector from `baton.instance.events.v1` (never on the command path) and read, oldest first, by
// GET /v2/process-instances/{processInstanceKey}/history. An entry is named by its instance,
// revision and event index, so a redelivered event is stored once.
import type { HistoryEntry } from '@baton/contracts';

/** Where a page starts: after this entry of the instance. */
export interface HistoryPosition {
  readonly revision: number;
  readonly eventIndex: number;
}

export interface HistoryPageRequest {
  /** The page starts after this entry; at the first entry when absent. */
  readonly after?: HistoryPosition;
  readonly limit: number;
}

export interface HistoryPage {
  /** Oldest first: by revision, then event index. */
  readonly items: readonly HistoryEntry[];
  /** Every entry the instance has. */
  readonly totalItems: number;
}

export interface HistoryStore {
  /** Stores the entries; one already stored (same instance, revision, event index) is left as it is. */
  append(entries: readonly HistoryEntry[]): Promise<void>;
  /** A page of an instance's entries, oldest first. */
  list(processInstanceKey: string, page: HistoryPageRequest): Promise<HistoryPage>;
}

/** Orders entries of one instance: by revision, then event index. */
export function compareHistoryPositions(a: HistoryPosition, b: HistoryPosition): number {
  return a.revision - b.revision || a.eventIndex - b.eventIndex;
}
