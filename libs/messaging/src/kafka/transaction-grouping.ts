// Group commit for the batches of one transactional subscription: kafkajs hands the partition
// batches of a fetch to their handlers at the same time, and each handler's commit would otherwise
// be a Kafka transaction of its own. The commits are held until every batch in flight has either
// committed or finished without committing (or for at most `maxWaitMs` after the first), and then
// go out together, in one transaction; commits that arrive while it runs go in the next one.

/** One batch's part of a grouped transaction. */
export interface GroupedCommit<T> {
  readonly entry: T;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** A batch in flight: it commits once through the grouping, or leaves without committing. */
export interface GroupTicket<T> {
  commit(entry: T): Promise<void>;
  /** The batch is done; a no-op after commit(). */
  leave(): void;
}

export class TransactionGrouping<T> {
  /** Batches in flight that neither committed nor left. */
  private undecided = 0;
  private pending: GroupedCommit<T>[] = [];
  private running = false;
  private timer: NodeJS.Timeout | undefined;

  /**
   * @param runTransaction commits the entries in one transaction; it settles each entry itself
   *   (resolve or reject), as a transaction may commit for some entries' partitions and not others.
   */
  constructor(
    private readonly runTransaction: (commits: readonly GroupedCommit<T>[]) => Promise<void>,
    private readonly maxWaitMs: number,
  ) {}

  enter(): GroupTicket<T> {
    this.undecided++;
    let decided = false;
    const decide = () => {
      if (decided) return false;
      decided = true;
      this.undecided--;
      return true;
    };
    return {
      commit: (entry) =>
        new Promise<void>((resolve, reject) => {
          if (!decide()) {
            reject(new Error('a batch commits once'));
            return;
          }
          this.pending.push({ entry, resolve, reject });
          this.flushWhenGathered();
        }),
      leave: () => {
        if (decide()) this.flushWhenGathered();
      },
    };
  }

  private flushWhenGathered(): void {
    if (this.running || this.pending.length === 0) return;
    if (this.undecided === 0) {
      this.flush();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.maxWaitMs);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running || this.pending.length === 0) return;
    const commits = this.pending;
    this.pending = [];
    this.running = true;
    void this.runTransaction(commits)
      .catch((error: unknown) => {
        for (const commit of commits) commit.reject(error);
      })
      .finally(() => {
        this.running = false;
        this.flushWhenGathered();
      });
  }
}
