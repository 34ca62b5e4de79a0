// The instance store port (DESIGN §3.3): one document per instance holding its state, the effects
// not yet published (outbox) and the ids of the commands applied. Writes are revision-checked,
// one bulk write per batch, and never span documents in a transaction (MongoDB and FerretDB).
// In the log-first runtime the partition's owner writes snapshots instead (saveSnapshot): Kafka
// fencing already makes it the only writer, so those writes are unconditional.
import type { Effect, InstanceState } from '@baton/engine-core';
import type { InstanceFilter } from './instance-filter';
import type { Page, PageRequest, SortRequest } from './query';
import type { WriteFence } from './write-fence';

/** What is stored per instance. */
export interface InstanceDocument extends InstanceState {
  /** Incremented by every write; 1 after the first. */
  readonly revision: number;
  /** Effects written with the state and not yet dispatched; cleared after dispatch. */
  readonly outbox: readonly Effect[];
  /** Ids of the last commands applied (bounded), to recognise a command delivered twice. */
  readonly appliedCommandIds: readonly string[];
  /** Whether an incident of the instance is ACTIVE; stored so that searches can filter on it. */
  readonly hasIncident: boolean;
  /**
   * The commands-topic position of the last command the document reflects: a new owner replaying
   * the partition from its checkpoint can tell which commands a stored snapshot already holds.
   * Absent on documents written outside the log-first runtime.
   */
  readonly logPosition?: { readonly partition: number; readonly offset: number };
  /**
   * The replies the commands of this version produced. They are sent after the write; a replica
   * that died before sending them leaves its successor, which replays the commands this version
   * reflects, only this to answer the waiting callers from (a caller may hear twice, never not).
   */
  readonly lastReplies?: readonly Extract<Effect, { readonly type: 'REPLY' }>[];
}

/** One document of a bulk write: written only if the stored revision is still `expectedRevision`. */
export interface InstanceWrite {
  /** The new document; its `revision` field is ignored (the store sets expectedRevision + 1). */
  readonly document: InstanceDocument;
  /** The revision the writer read; 0 for a new document (insert). */
  readonly expectedRevision: number;
}

export type InstanceWriteOutcome =
  | { readonly processInstanceKey: string; readonly ok: true; readonly revision: number }
  | {
      readonly processInstanceKey: string;
      readonly ok: false;
      readonly reason: 'REVISION_CONFLICT';
      readonly currentRevision: number;
    };

/** One instance document of a snapshot: written as it is, whatever is stored (the last write wins). */
export interface SnapshotWrite {
  /** Stored as given, its `revision` included (the caller's count, not checked against the store). */
  readonly document: InstanceDocument;
  /**
   * Whether the writer knows a version of this document is already stored (else it is inserted;
   * an insert refused because the key exists replaces instead). Only a hint of the cheaper way:
   * either value ends with the document stored.
   */
  readonly stored: boolean;
}

/** An outbox to clear: the document's key and the revision whose effects were dispatched. */
export interface OutboxTarget {
  readonly processInstanceKey: string;
  readonly revision: number;
}

export interface InstanceSearch {
  readonly filter?: InstanceFilter;
  readonly page?: PageRequest;
  readonly sort?: readonly SortRequest[];
}

export interface InstanceStore {
  get(processInstanceKey: string): Promise<InstanceDocument | undefined>;
  /** The stored documents of the keys that exist. */
  getMany(processInstanceKeys: readonly string[]): Promise<ReadonlyMap<string, InstanceDocument>>;
  /**
   * One bulk write. Each document is checked on its own: a stale revision is reported in its
   * outcome (in input order) and does not stop the others.
   */
  writeBatch(writes: readonly InstanceWrite[]): Promise<readonly InstanceWriteOutcome[]>;
  /**
   * Empties the outboxes of the documents still at the given revisions (one round of writes);
   * returns the keys cleared. A document that moved on or is gone is left alone.
   */
  clearOutboxes(targets: readonly OutboxTarget[]): Promise<ReadonlySet<string>>;
  /**
   * Writes the documents of a snapshot unconditionally: no revision check, no claims, no reads
   * while every write goes as expected. Keys are distinct within a call. For the partition's owner
   * only (Kafka fencing makes it the one writer of its instances); two calls that overlap in time
   * must not share a key, since which of them lands last is not defined. `fence` is called before
   * each command; when it throws, the write stops there with its error.
   */
  saveSnapshot(writes: readonly SnapshotWrite[], fence?: WriteFence): Promise<void>;
  search(query: InstanceSearch): Promise<Page<InstanceDocument>>;
  /** Documents whose outbox was written but not cleared (a crash between write and publish). */
  listWithPendingOutbox(): Promise<readonly InstanceDocument[]>;
}
