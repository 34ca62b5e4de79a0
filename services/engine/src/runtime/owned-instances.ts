// The instances of the command partitions this replica owns, as its last committed batch left them
// (DESIGN §3.3): a command on a held instance is applied without reading the store. Where batches
// run ahead of their snapshot writes (partition-pipelines.ts), a version committed and not yet
// stored is pinned until it is: it is never forgotten meanwhile, since reading the instance back
// would give an older version. Otherwise an instance forgotten is read back as it was. A partition given away is forgotten at the rebalance; one taken (again) is replayed from
// its checkpoint, with nothing of it held. Bounded: the least recently used instances are
// forgotten first (they cost one read when their next command comes). An ended instance is held
// only until its last version is stored: a command for it after that (a late job completion, a
// cancel) is rare and costs one read. Holding every ended instance until the bound pushed it out
// cost memory for nothing: after 95 s at 250 (b) instances a second the replica's live heap was
// 132 MB against 70 MB (about 2.9 KB per ended instance, some 290 MB at the bound).

/** What is remembered of an instance: at least its key and revision. */
export interface OwnedDocument {
  readonly processInstanceKey: string;
  readonly revision: number;
}

export interface OwnedInstancesOptions<Document extends OwnedDocument> {
  /** The partition of the commands topic an instance key is on. */
  readonly partitionOf: (processInstanceKey: string) => number;
  /**
   * Most instances remembered.
   * @default 100_000
   */
  readonly maxInstances?: number;
  /**
   * Whether the instance has ended: it is then held only while a version of it is unstored.
   * @default never: every instance is held until the bound pushes it out
   */
  readonly ended?: (document: Document) => boolean;
}

/** A remembered document and when it was last used (a tick of the instances' own clock). */
interface Held<Document> {
  document: Document;
  usedAt: number;
}

/** The newest version of an instance committed and not yet stored, and how many such versions. */
interface Pinned<Document> {
  document: Document;
  versions: number;
}

export class OwnedInstances<Document extends OwnedDocument> {
  private readonly documents = new Map<string, Held<Document>>();
  private readonly pinned = new Map<string, Pinned<Document>>();
  /**
   * Every use, oldest first from `head`: the key and the tick of that use (parallel arrays). An
   * entry whose tick is no longer its document's `usedAt` was superseded by a later use. Kept
   * apart from the map: moving a used key to the map's end (delete, set) and asking the map for
   * its first key, after many deletions from its front, walks every deleted slot until the map is
   * next rehashed — a scan per new instance once full.
   */
  private useKeys: string[] = [];
  private useTicks: number[] = [];
  private head = 0;
  private tick = 0;
  private readonly maxInstances: number;

  constructor(private readonly options: OwnedInstancesOptions<Document>) {
    this.maxInstances = options.maxInstances ?? 100_000;
  }

  get size(): number {
    return this.documents.size;
  }

  get(processInstanceKey: string): Document | undefined {
    const held = this.documents.get(processInstanceKey);
    if (held === undefined) return this.pinned.get(processInstanceKey)?.document;
    this.use(processInstanceKey, held);
    return held.document;
  }

  /**
   * The document as its batch left it: written, or (`unstored`) committed with its write still to
   * come, after which `stored` must follow; until then the instance is not forgotten.
   */
  remember(document: Document, unstored = false): void {
    const key = document.processInstanceKey;
    if (unstored) {
      const pinned = this.pinned.get(key);
      if (pinned) {
        pinned.document = document;
        pinned.versions++;
      } else this.pinned.set(key, { document, versions: 1 });
    }
    if (this.options.ended?.(document)) {
      // Its pin, if any, holds it until stored; after that it is read back when needed.
      this.documents.delete(key);
      return;
    }
    const held = this.documents.get(key);
    if (held !== undefined) {
      held.document = document;
      this.use(key, held);
      return;
    }
    const added = { document, usedAt: 0 };
    this.documents.set(key, added);
    this.use(key, added);
    if (this.documents.size > this.maxInstances) this.forgetLeastRecentlyUsed();
  }

  private use(key: string, held: Held<Document>): void {
    held.usedAt = ++this.tick;
    this.useKeys.push(key);
    this.useTicks.push(held.usedAt);
    // Superseded uses are let go once they outnumber the instances (amortised: a pass per as many uses).
    if (this.useKeys.length - this.head > 2 * this.documents.size + 1024) this.compactUses();
  }

  private forgetLeastRecentlyUsed(): void {
    while (this.documents.size > this.maxInstances && this.head < this.useKeys.length) {
      const key = this.useKeys[this.head]!;
      const tick = this.useTicks[this.head++]!;
      if (this.documents.get(key)?.usedAt === tick) this.documents.delete(key);
    }
    // The slots of the uses passed are let go once they are half the arrays.
    if (this.head > 1024 && this.head * 2 > this.useKeys.length) this.compactUses();
  }

  /** Keeps only each remembered instance's last use, in order. */
  private compactUses(): void {
    const keys: string[] = [];
    const ticks: number[] = [];
    for (let index = this.head; index < this.useKeys.length; index++) {
      const key = this.useKeys[index]!;
      const tick = this.useTicks[index]!;
      if (this.documents.get(key)?.usedAt !== tick) continue;
      keys.push(key);
      ticks.push(tick);
    }
    this.useKeys = keys;
    this.useTicks = ticks;
    this.head = 0;
  }

  /** One version of the instance remembered `unstored` is written now. */
  stored(document: Document): void {
    const key = document.processInstanceKey;
    const pinned = this.pinned.get(key);
    if (pinned && --pinned.versions <= 0) this.pinned.delete(key);
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
    for (const key of this.pinned.keys())
      if (!kept.has(this.options.partitionOf(key))) this.pinned.delete(key);
  }

  /** Forgets the instances of one partition (its state is about to be loaded and replayed again). */
  forgetPartition(partition: number): void {
    for (const key of this.documents.keys())
      if (this.options.partitionOf(key) === partition) this.documents.delete(key);
    for (const key of this.pinned.keys())
      if (this.options.partitionOf(key) === partition) this.pinned.delete(key);
  }

  clear(): void {
    this.documents.clear();
    this.pinned.clear();
    this.useKeys = [];
    this.useTicks = [];
    this.head = 0;
  }
}
