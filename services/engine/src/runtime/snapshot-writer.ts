// Writes what the command batches changed to MongoDB, after their Kafka transactions committed
// (DESIGN §3.3): the store is the snapshot and read model, never the judge. Group commit: the
// batches that come while a write runs go together in the next one, with one bulk write of
// instance documents (the newest of each wins) and the job changes coalesced (a job created and
// closed meanwhile is never written). Checkpoints — "every command below this offset is stored and
// answered", where the partition's next owner starts its replay after a crash — come later: a
// batch's replies go out after its write, so its checkpoint is confirmed after them and rides along
// with the next write (or goes alone after a short quiet time): a replica that dies between the
// write and its replies leaves those commands to the replay, which sends the replies again.
//
// Only the owner of a partition writes its documents, so nothing is revision-checked: Kafka's
// fencing decides who owns (a replica that lost its partition fails its commit and writes
// nothing). What is left is a replica paused between a commit and its write, or in the middle of
// a write of several commands — a zombie. Every command of a write is therefore sent only within a
// lease from the commit of the oldest part it holds, shorter than the time Kafka takes to give the
// partition away (the session timeout, less a heartbeat interval and a margin): the stores call a
// fence before each command (store WriteFence). A write stopped by it is not tried again, and the
// replica is told to stop. The checkpoints only move forward besides.
//
// With `holdHandedOverJobsMs`, new jobs handed to Kafka workers wait that long before they are
// written, and are never written if they close meanwhile (job-hold.ts); a partition's checkpoint
// stays at the first offset of the oldest batch whose job is held.
import type {
  InstanceStore,
  JobStore,
  PartitionCheckpointStore,
  SnapshotWrite,
  WriteFence,
} from '@baton/store';
import type { PlannedJobChange } from './job-change-coalescing';
import { JobHold, type JobChangeOrigin } from './job-hold';

/** What one batch of a partition gives the snapshot. */
export interface SnapshotPart {
  readonly partition: number;
  /** The offset of the batch's first command. */
  readonly firstOffset: number;
  /** The offset after the batch's last command: the partition's checkpoint once this is stored. */
  readonly nextOffset: number;
  /** The instances the batch changed, each once, with whether a version of it is stored. */
  readonly documents: readonly SnapshotWrite[];
  readonly jobChanges: readonly PlannedJobChange[];
  /** When the batch's transaction committed (the writer's `now`), for the lease. */
  readonly committedAt: number;
}

export interface SnapshotWriterOptions {
  readonly instances: Pick<InstanceStore, 'saveSnapshot'>;
  readonly jobs: Pick<JobStore, 'applyChanges'>;
  readonly checkpoints: Pick<PartitionCheckpointStore, 'set'>;
  /** The commands topic the checkpoints are of. */
  readonly topic: string;
  /**
   * How long after its commit a part may still be written, ms.
   * @default Infinity (one replica on the embedded bus: no one to take over)
   */
  readonly leaseMs?: number;
  /**
   * Told when held jobs could not be written within the lease of their batch (no caller waits for
   * them): like a batch's lease, the replica can no longer tell whether it owns the partition.
   */
  readonly onHeldJobsLeaseExpired?: (error: SnapshotLeaseExpiredError) => void;
  /** Told when a write fails; it is tried again after `retryDelayMs`, doubling up to 2 s. */
  readonly onError?: (error: unknown) => void;
  /** @default 50 */
  readonly retryDelayMs?: number;
  /** How long a confirmed checkpoint waits for a write to ride along with before it goes alone, ms. @default 100 */
  readonly checkpointDelayMs?: number;
  /**
   * The least time between two writes of the checkpoints, ms: each moves one document per
   * partition (on FerretDB a commit each), while a checkpoint a little behind only makes a replay
   * after a crash a little longer. @default 0 (with every write)
   */
  readonly checkpointIntervalMs?: number;
  /** A monotonic clock, ms. @default performance.now */
  readonly now?: () => number;
  /**
   * How long a new job handed to Kafka workers waits before it is written (it is not written at
   * all if it closes meanwhile), ms; 0 writes it with its batch (job-hold.ts).
   * @default 0
   */
  readonly holdHandedOverJobsMs?: number;
}

/** A part whose lease ran out before it could be written: its partition may have a new owner. */
export class SnapshotLeaseExpiredError extends Error {
  override readonly name = 'SnapshotLeaseExpiredError';

  constructor(
    readonly partition: number,
    ageMs: number,
    leaseMs: number,
  ) {
    super(
      `the snapshot of partition ${partition} was not written: ${Math.round(ageMs)} ms after its commit, past the lease of ${leaseMs} ms, the partition may have a new owner`,
    );
  }
}

/** A partition's checkpoint confirmed and not yet written. */
interface PendingCheckpoint {
  readonly offset: number;
  /** When the newest batch it covers committed: the lease the write runs under. */
  readonly committedAt: number;
}

interface Queued {
  readonly part: SnapshotPart;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export class SnapshotWriter {
  private queue: Queued[] = [];
  private running: Promise<void> | undefined;
  private checkpoints = new Map<number, PendingCheckpoint>();
  /** Set when the confirmed checkpoints must go even without documents to ride along with. */
  private checkpointsDue = false;
  private lastCheckpointWriteAt = Number.NEGATIVE_INFINITY;
  private checkpointTimer: NodeJS.Timeout | undefined;
  /** The checkpoint last written per partition: a floor of held jobs may leave it where it is. */
  private readonly writtenCheckpoints = new Map<number, number>();
  private readonly hold: JobHold;
  /** Set when held jobs are due to be written even without a batch to ride along with. */
  private heldDue = false;
  private holdTimer: NodeJS.Timeout | undefined;
  private readonly now: () => number;
  private readonly leaseMs: number;

  constructor(private readonly options: SnapshotWriterOptions) {
    this.now = options.now ?? (() => performance.now());
    this.leaseMs = options.leaseMs ?? Number.POSITIVE_INFINITY;
    this.hold = new JobHold(options.holdHandedOverJobsMs ?? 0, this.now);
  }

  /** Forgets the held jobs of partitions given away: their next owner replays and restores them. */
  keepPartitions(partitions: readonly number[]): void {
    this.hold.keepPartitions(partitions);
  }

  /** Holds no more jobs from now on, and writes those held (before the partitions are given away). */
  async releaseHeldJobs(): Promise<void> {
    this.hold.stopHolding();
    this.heldDue = true;
    this.kick();
    while (this.running) await this.running;
  }

  /**
   * Resolves once the part's documents and job changes are stored (not its checkpoint: see
   * confirm); rejects with SnapshotLeaseExpiredError only.
   */
  write(part: SnapshotPart): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ part, resolve, reject });
      this.kick();
    });
  }

  /**
   * The commands of a written part are answered: the partition's checkpoint may move past them.
   * It is written with the next write, or alone once `checkpointDelayMs` passed without one. A
   * checkpoint whose lease ran out meanwhile is dropped (a replay then starts earlier; no harm).
   */
  confirm(part: Pick<SnapshotPart, 'partition' | 'nextOffset' | 'committedAt'>): void {
    const known = this.checkpoints.get(part.partition);
    if (!known || known.offset < part.nextOffset)
      this.checkpoints.set(part.partition, { offset: part.nextOffset, committedAt: part.committedAt });
    const sinceLastWrite = this.now() - this.lastCheckpointWriteAt;
    const delay = Math.max(
      this.options.checkpointDelayMs ?? 100,
      (this.options.checkpointIntervalMs ?? 0) - sinceLastWrite,
    );
    this.checkpointTimer ??= setTimeout(() => {
      this.checkpointTimer = undefined;
      this.flushCheckpoints();
    }, delay);
    this.checkpointTimer.unref();
  }

  /** Throws SnapshotLeaseExpiredError when a batch committed at `committedAt` is past its lease. */
  checkLease(partition: number, committedAt: number): void {
    const age = this.now() - committedAt;
    if (age > this.leaseMs) throw new SnapshotLeaseExpiredError(partition, age, this.leaseMs);
  }

  /** Resolves once everything queued is written, the confirmed checkpoints too (held jobs stay held). */
  async idle(): Promise<void> {
    this.flushCheckpoints();
    while (this.running) await this.running;
  }

  private flushCheckpoints(): void {
    if (this.checkpoints.size === 0) return;
    this.checkpointsDue = true;
    this.kick();
  }

  private kick(): void {
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
      // What came after the drain's last look (a caller resumed by its last write) is not left behind.
      if (this.queue.length > 0 || this.heldDue || (this.checkpointsDue && this.checkpoints.size > 0))
        this.kick();
    });
  }

  private async drain(): Promise<void> {
    // Lets the batches of other partitions finishing in this tick join the first write.
    await Promise.resolve();
    let failures = 0;
    while (this.queue.length > 0 || this.heldDue || (this.checkpointsDue && this.checkpoints.size > 0)) {
      const taken = this.withinLease(this.queue);
      this.queue = [];
      const heldDue = this.heldDue;
      this.heldDue = false;
      const checkpointsGo =
        this.checkpointsDue ||
        this.now() - this.lastCheckpointWriteAt >= (this.options.checkpointIntervalMs ?? 0);
      const checkpoints = checkpointsGo ? this.takeCheckpoints() : new Map<number, PendingCheckpoint>();
      if (taken.length === 0 && checkpoints.size === 0 && !heldDue) continue;
      try {
        await this.store(
          taken.map((queued) => queued.part),
          checkpoints,
        );
        failures = 0;
        for (const queued of taken) queued.resolve();
      } catch (error) {
        if (error instanceof SnapshotLeaseExpiredError) {
          for (const queued of taken) queued.reject(error);
          // A held job's write past its lease: nobody waits for it, the replica must still stop.
          if (taken.length === 0) this.options.onHeldJobsLeaseExpired?.(error);
          continue;
        }
        this.options.onError?.(error);
        // Tried again with whatever came meanwhile, after a pause.
        this.queue = [...taken, ...this.queue];
        for (const [partition, checkpoint] of checkpoints)
          this.confirm({ partition, ...checkpoint, nextOffset: checkpoint.offset });
        const delay = Math.min(2000, (this.options.retryDelayMs ?? 50) * 2 ** failures++);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  /**
   * The confirmed checkpoints still within their lease, taken from the pending ones; one that
   * would pass a held job's batch goes only up to that batch, and the rest of it stays pending.
   */
  private takeCheckpoints(): ReadonlyMap<number, PendingCheckpoint> {
    const now = this.now();
    const taken = new Map<number, PendingCheckpoint>();
    const pending = this.checkpoints;
    this.checkpoints = new Map();
    this.checkpointsDue = false;
    for (const [partition, checkpoint] of pending) {
      if (now - checkpoint.committedAt > this.leaseMs) continue;
      const floor = this.hold.checkpointFloor(partition);
      const offset = floor === undefined ? checkpoint.offset : Math.min(floor, checkpoint.offset);
      if (offset < checkpoint.offset) this.checkpoints.set(partition, checkpoint);
      if (offset > (this.writtenCheckpoints.get(partition) ?? -1))
        taken.set(partition, { offset, committedAt: checkpoint.committedAt });
    }
    return taken;
  }

  /** Throws once the oldest of these commits is past its lease: no command of their write goes then. */
  private fenceOf(commits: readonly { partition: number; committedAt: number }[]): WriteFence {
    const oldest = commits.reduce((a, b) => (b.committedAt < a.committedAt ? b : a));
    return () => this.checkLease(oldest.partition, oldest.committedAt);
  }

  /** The parts still within their lease; the others are rejected. */
  private withinLease(queued: readonly Queued[]): Queued[] {
    const now = this.now();
    return queued.filter(({ part, reject }) => {
      const age = now - part.committedAt;
      if (age <= this.leaseMs) return true;
      reject(new SnapshotLeaseExpiredError(part.partition, age, this.leaseMs));
      return false;
    });
  }

  private async store(
    parts: readonly SnapshotPart[],
    checkpoints: ReadonlyMap<number, PendingCheckpoint>,
  ): Promise<void> {
    const documents = new Map<string, SnapshotWrite>();
    for (const part of parts)
      for (const write of part.documents) {
        const key = write.document.processInstanceKey;
        // Stored if any version was: a first version inserted by an earlier part of this write is not.
        const earlier = documents.get(key);
        documents.set(key, earlier ? { document: write.document, stored: earlier.stored } : write);
      }
    const { write: jobChanges, released } = this.hold.take(parts);
    this.scheduleHeldRelease();
    // Written jobs that were held let their partitions' checkpoints move on.
    if (released.length > 0 && this.checkpoints.size > 0) this.checkpointsDue = true;
    const commits: readonly Pick<JobChangeOrigin, 'partition' | 'committedAt'>[] = [
      ...parts,
      ...released.map(({ origin }) => origin),
    ];
    const fence = commits.length > 0 ? this.fenceOf(commits) : undefined;
    // The checkpoints go beside the documents, not after them: they are of parts confirmed, whose
    // documents an earlier write stored (a checkpoint never claims what is not stored), so the
    // write takes one round trip of the database, not two.
    try {
      await Promise.all([
        fence && documents.size > 0
          ? this.options.instances.saveSnapshot([...documents.values()], fence)
          : undefined,
        fence && jobChanges.length > 0 ? this.options.jobs.applyChanges(jobChanges, fence) : undefined,
        this.storeCheckpoints(checkpoints),
      ]);
    } catch (error) {
      // The parts are queued again by the caller; the held jobs this write took are held again
      // (unless past their lease: the replica stops, and the next owner restores them).
      if (!(error instanceof SnapshotLeaseExpiredError)) this.hold.restore(released);
      throw error;
    }
  }

  /** Wakes the writer when the oldest held job is due (none while nothing is held). */
  private scheduleHeldRelease(): void {
    clearTimeout(this.holdTimer);
    this.holdTimer = undefined;
    const due = this.hold.nextRelease();
    if (due === undefined) return;
    this.holdTimer = setTimeout(
      () => {
        this.holdTimer = undefined;
        this.heldDue = true;
        this.kick();
      },
      Math.max(0, due - this.now()),
    );
    this.holdTimer.unref();
  }

  private async storeCheckpoints(checkpoints: ReadonlyMap<number, PendingCheckpoint>): Promise<void> {
    if (checkpoints.size === 0) return;
    try {
      await this.options.checkpoints.set(
        this.options.topic,
        [...checkpoints].map(([partition, { offset }]) => ({ partition, offset })),
        this.fenceOf([...checkpoints].map(([partition, { committedAt }]) => ({ partition, committedAt }))),
      );
      for (const [partition, { offset }] of checkpoints) this.writtenCheckpoints.set(partition, offset);
      this.lastCheckpointWriteAt = this.now();
    } catch (error) {
      // Past its lease while the documents were written: the checkpoint stays where it was.
      if (!(error instanceof SnapshotLeaseExpiredError)) throw error;
    }
  }
}
