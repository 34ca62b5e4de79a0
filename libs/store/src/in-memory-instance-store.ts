// The embedded instance store: a Map with the revision semantics of the MongoDB adapter
// (a conditional update per document, no transaction across documents); snapshots are set as given.
import type {
  InstanceDocument,
  InstanceSearch,
  InstanceStore,
  InstanceWrite,
  InstanceWriteOutcome,
  OutboxTarget,
  SnapshotWrite,
} from './instance-store';
import type { WriteFence } from './write-fence';
import { matchesInstanceFilter } from './in-memory-instance-filter';
import { sortAndPage, type Page } from './query';

/** Options of {@link InMemoryInstanceStore}. */
export interface InMemoryInstanceStoreOptions {
  /**
   * Store a deep copy of each written document, as a database would. The runtime never mutates a
   * document it wrote or read (the core works copy-on-write), so the embedded default skips the cost.
   * @default false
   */
  readonly copyOnWrite?: boolean;
}

/** The in-memory implementation of {@link InstanceStore}. */
export class InMemoryInstanceStore implements InstanceStore {
  private readonly documents = new Map<string, InstanceDocument>();
  private readonly pendingOutbox = new Set<string>();
  private readonly copyOnWrite: boolean;

  constructor(options: InMemoryInstanceStoreOptions = {}) {
    this.copyOnWrite = options.copyOnWrite ?? false;
  }

  get(processInstanceKey: string): Promise<InstanceDocument | undefined> {
    return Promise.resolve(this.documents.get(processInstanceKey));
  }

  getMany(processInstanceKeys: readonly string[]): Promise<ReadonlyMap<string, InstanceDocument>> {
    const found = new Map<string, InstanceDocument>();
    for (const key of processInstanceKeys) {
      const document = this.documents.get(key);
      if (document) found.set(key, document);
    }
    return Promise.resolve(found);
  }

  writeBatch(writes: readonly InstanceWrite[]): Promise<readonly InstanceWriteOutcome[]> {
    const outcomes = writes.map(({ document, expectedRevision }): InstanceWriteOutcome => {
      const key = document.processInstanceKey;
      const currentRevision = this.documents.get(key)?.revision ?? 0;
      if (currentRevision !== expectedRevision) {
        return { processInstanceKey: key, ok: false, reason: 'REVISION_CONFLICT', currentRevision };
      }
      const revision = expectedRevision + 1;
      this.store({ ...document, revision });
      return { processInstanceKey: key, ok: true, revision };
    });
    return Promise.resolve(outcomes);
  }

  saveSnapshot(writes: readonly SnapshotWrite[], fence?: WriteFence): Promise<void> {
    // In a then(): a fence that throws rejects the write, as a server's refusal would.
    return Promise.resolve().then(() => {
      fence?.();
      for (const { document } of writes) this.store(document);
    });
  }

  clearOutboxes(targets: readonly OutboxTarget[]): Promise<ReadonlySet<string>> {
    const cleared = new Set<string>();
    for (const { processInstanceKey, revision } of targets) {
      const document = this.documents.get(processInstanceKey);
      if (!document || document.revision !== revision) continue;
      this.documents.set(processInstanceKey, { ...document, outbox: [] });
      this.pendingOutbox.delete(processInstanceKey);
      cleared.add(processInstanceKey);
    }
    return Promise.resolve(cleared);
  }

  search(query: InstanceSearch): Promise<Page<InstanceDocument>> {
    const filter = query.filter ?? {};
    const matching = [...this.documents.values()].filter((document) =>
      matchesInstanceFilter(document, filter),
    );
    const sort = query.sort && query.sort.length > 0 ? query.sort : [{ field: 'processInstanceKey' }];
    return Promise.resolve(
      sortAndPage(
        matching,
        sort,
        query.page,
        (document, field) => (document as unknown as Record<string, unknown>)[field],
      ),
    );
  }

  listWithPendingOutbox(): Promise<readonly InstanceDocument[]> {
    return Promise.resolve([...this.pendingOutbox].flatMap((key) => this.documents.get(key) ?? []));
  }

  private store(document: InstanceDocument): void {
    const key = document.processInstanceKey;
    this.documents.set(key, this.copyOnWrite ? structuredClone(document) : document);
    if (document.outbox.length > 0) this.pendingOutbox.add(key);
    else this.pendingOutbox.delete(key);
  }
}
