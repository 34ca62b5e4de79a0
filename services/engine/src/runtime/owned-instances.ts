// The instances of the command partitions this replica owns, as it last stored them (DESIGN §3.3):
// a command on a held instance is applied without reading the store. Each batch waits for its
// snapshot write, so what is held is what is stored, and an instance forgotten is read back as it
// was. A partition given away is forgotten at the rebalance; one taken (again) is replayed from
// its checkpoint, with nothing of it held. Bounded: the least recently used instances are
// forgotten first (they cost one read when their next command comes), ended ones included, since
// they still answer redelivered commands.

/** What is remembered of an instance: at least its key and revision. */
export interface OwnedDocument {
  readonly processInstanceKey: string;
  readonly revision: number;
}

export interface OwnedInstancesOptions {
  /** The partition of the commands topic an instance key is on. */
  readonly partitionOf: (processInstanceKey: string) => number;
  /**
   * Most instances remembered.
   * @default 100_000
   */
  readonly maxInstances?: number;
}

export class OwnedInstances<Document extends OwnedDocument> {
  /** In least-recently-used order: a hit moves its entry to the end. */
  private readonly documents = new Map<string, Document>();
  private readonly maxInstances: number;

  constructor(private readonly options: OwnedInstancesOptions) {
    this.maxInstances = options.maxInstances ?? 100_000;
  }

  get size(): number {
    return this.documents.size;
  }

  get(processInstanceKey: string): Document | undefined {
    const document = this.documents.get(processInstanceKey);
    if (document) {
      this.documents.delete(processInstanceKey);
      this.documents.set(processInstanceKey, document);
    }
    return document;
  }

  /** The document as it was just written (and its effects dispatched). */
  remember(document: Document): void {
    this.documents.delete(document.processInstanceKey);
    this.documents.set(document.processInstanceKey, document);
    if (this.documents.size > this.maxInstances) {
      const oldest = this.documents.keys().next();
      if (!oldest.done) this.documents.delete(oldest.value);
    }
  }

  forget(processInstanceKey: string): void {
    this.documents.delete(processInstanceKey);
  }

  /**
   * After a rebalance: forgets the instances of partitions this replica no longer owns. Their
   * next owner writes them; were they to come back, what is remembered would be stale.
   */
  keepPartitions(owned: readonly number[]): void {
    const kept = new Set(owned);
    for (const key of this.documents.keys())
      if (!kept.has(this.options.partitionOf(key))) this.documents.delete(key);
  }

  /** Forgets the instances of one partition (its state is about to be loaded and replayed again). */
  forgetPartition(partition: number): void {
    for (const key of this.documents.keys())
      if (this.options.partitionOf(key) === partition) this.documents.delete(key);
  }

  clear(): void {
    this.documents.clear();
  }
}
