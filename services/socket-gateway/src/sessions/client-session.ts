// One connected client: what it follows, and a bounded queue of updates in front of its connection.
// A client that does not read fast enough never holds the others up: its queue is dropped when
// full, and once its connection drains it gets a resync with the current state instead.
import type {
  InstanceLiveState,
  Resync,
  ResumeCursor,
  SubscribeAnswer,
  SubscribeRequest,
  UnsubscribeAnswer,
} from '@baton/contracts';
import { BatonError } from '@baton/contracts';
import type { UpdateJournal } from '../live-state/update-journal';
import type { SnapshotSource } from '../snapshots/snapshot-source';
import { everythingVisible, type InstanceVisibility } from './instance-visibility';
import { RevisionFloors } from './revision-floors';
import type { SubscriptionIndex } from './subscription-index';

/** The session's view of its socket. */
export interface SessionConnection {
  sendUpdate(update: InstanceLiveState): void;
  sendResync(resync: Resync): void;
  /** Registers a listener called whenever the connection has handed its queued packets to the network. */
  onDrain(listener: () => void): void;
}

/** Options of {@link ClientSession}. */
export interface ClientSessionOptions {
  readonly snapshots: SnapshotSource;
  /** Where the session records what it follows (shared by every session of the gateway). */
  readonly index: SubscriptionIndex<ClientSession>;
  /** Updates waiting in the session before the client counts as too slow. */
  readonly maxQueuedUpdates: number;
  /**
   * Updates handed to the connection while it has not drained: beyond them, updates wait in the
   * session's queue, where they can be dropped.
   * @default 16
   */
  readonly maxUnflushedPackets?: number;
  /** Most snapshots in a subscribe answer by process id and in one resync. */
  readonly snapshotLimit: number;
  /** Called when the session drops its queue. */
  readonly onOverflow?: () => void;
  /**
   * Which instances the client may receive (DESIGN §6); others are never sent, whatever it follows.
   * @default every instance
   */
  readonly visibility?: InstanceVisibility;
  readonly logError?: (message: string, error: unknown) => void;
  /**
   * The replica's recent updates, for subscriptions with `resumeFrom`.
   * @default none: a resuming client always gets a snapshot
   */
  readonly journal?: UpdateJournal;
}

export class ClientSession {
  private readonly queue: InstanceLiveState[] = [];
  private readonly floors: RevisionFloors;
  private readonly maxUnflushed: number;
  /** Updates (and resyncs) emitted since the connection last drained. */
  private unflushed = 0;
  /** Subscribe answers and resyncs being prepared: nothing is sent meanwhile, so they come first. */
  private holds = 0;
  private pumping = false;
  /** Set while the client is behind: the instances whose updates were dropped. */
  private behind: Set<string> | undefined;
  private behindTruncated = false;
  private closed = false;
  private readonly visibility: InstanceVisibility;
  /** Definitions whose starter roles could not be read: their instances are not sent (fail closed). */
  private readonly unreadable = new Set<string>();

  constructor(
    private readonly connection: SessionConnection,
    private readonly options: ClientSessionOptions,
  ) {
    this.floors = new RevisionFloors(Math.max(10_000, options.snapshotLimit));
    this.maxUnflushed = options.maxUnflushedPackets ?? 16;
    this.visibility = options.visibility ?? everythingVisible;
    connection.onDrain(() => {
      this.unflushed = 0;
      this.pump();
    });
  }

  follows(update: Pick<InstanceLiveState, 'processInstanceKey' | 'processDefinitionId'>): boolean {
    return this.options.index.follows(this, update.processInstanceKey, update.processDefinitionId);
  }

  /** Queues an update for the client; never waits. */
  offer(update: InstanceLiveState): void {
    if (this.closed || !this.follows(update)) return;
    this.enqueue(update);
    this.pump();
  }

  private enqueue(update: InstanceLiveState): void {
    if (this.behind) {
      this.noteBehind(update.processInstanceKey);
      return;
    }
    this.queue.push(update);
    if (this.queue.length > this.options.maxQueuedUpdates) {
      this.behind = new Set();
      for (const queued of this.queue.splice(0)) this.noteBehind(queued.processInstanceKey);
      this.options.onOverflow?.();
    }
  }

  /** Starts following; answers with the current state (then queued updates newer than it follow). */
  async subscribe(request: SubscribeRequest, answer: (answer: SubscribeAnswer) => void): Promise<void> {
    this.holds++;
    try {
      const { processInstanceKey, processDefinitionId } = request;
      // Follow first, so that no change between the snapshot read and the answer is missed.
      this.options.index.follow(this, request);
      if (processInstanceKey !== undefined && request.resumeFrom !== undefined) {
        if (this.resume(processInstanceKey, request.resumeFrom)) {
          if (!this.closed) answer({ ok: true, snapshots: [], resumed: true });
          return;
        }
      }
      let snapshots: InstanceLiveState[];
      try {
        snapshots =
          processInstanceKey !== undefined
            ? [await this.options.snapshots.instance(processInstanceKey)].filter(
                (state) => state !== undefined,
              )
            : await this.options.snapshots.activeInstances(
                processDefinitionId ?? '',
                this.options.snapshotLimit,
              );
      } catch (error) {
        this.options.logError?.('reading a subscribe snapshot failed', error);
        this.options.index.unfollow(this, request);
        answer({ ok: false, error: failureOf(error) });
        return;
      }
      snapshots = await this.visibleOnly(snapshots);
      for (const snapshot of snapshots) this.floors.recordSnapshot(snapshot);
      if (!this.closed)
        answer({ ok: true, snapshots, ...(request.resumeFrom !== undefined && { resumed: false }) });
    } finally {
      this.holds--;
      this.pump();
    }
  }

  /**
   * Queues the updates after the cursor from the journal — in the same turn as the follow, so that
   * the journal's last update and the first live one meet without a gap. False when the journal no
   * longer holds them (or they would not fit the queue): the caller answers a snapshot instead.
   */
  private resume(processInstanceKey: string, cursor: ResumeCursor): boolean {
    const missed = this.options.journal?.after(processInstanceKey, cursor);
    if (missed === undefined || missed.length > this.options.maxQueuedUpdates - this.queue.length)
      return false;
    this.floors.recordCursor(processInstanceKey, cursor);
    for (const update of missed) this.enqueue(update);
    return true;
  }

  unsubscribe(request: SubscribeRequest): UnsubscribeAnswer {
    return { ok: true, wasSubscribed: this.options.index.unfollow(this, request) };
  }

  /** The client disconnected: forget it. */
  close(): void {
    this.closed = true;
    this.queue.length = 0;
    this.behind = undefined;
    this.options.index.removeSession(this);
  }

  private noteBehind(processInstanceKey: string): void {
    if (!this.behind || this.behind.has(processInstanceKey)) return;
    if (this.behind.size < this.options.snapshotLimit) this.behind.add(processInstanceKey);
    else this.behindTruncated = true;
  }

  /** Hands queued updates to the connection until it stops draining; re-entered through onDrain. */
  private pump(): void {
    if (this.pumping || this.holds > 0 || this.closed) return;
    this.pumping = true;
    try {
      if (this.behind) {
        if (this.unflushed === 0) this.resync(this.behind);
        return;
      }
      while (this.queue.length > 0 && this.unflushed < this.maxUnflushed) {
        const visible = this.isVisible(this.queue[0]!);
        if (visible === undefined) {
          // The first update of a definition not seen yet: hold the queue (keeping the order)
          // until its starter roles are read.
          this.loadVisibility([this.queue[0]!.processDefinitionKey]);
          return;
        }
        const update = this.queue.shift()!;
        // An unsubscribe or a newer snapshot since it was queued makes it obsolete.
        if (!visible || !this.follows(update) || !this.floors.admits(update)) continue;
        this.floors.recordUpdate(update);
        this.unflushed++;
        this.connection.sendUpdate(update);
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Sends the current state of the instances whose updates were dropped; updates queue meanwhile. */
  private resync(behind: ReadonlySet<string>): void {
    const truncated = this.behindTruncated;
    this.behind = undefined;
    this.behindTruncated = false;
    this.holds++;
    void this.readSnapshots([...behind])
      .then(async ({ snapshots, complete }) => {
        const visible = await this.visibleOnly(snapshots);
        if (this.closed) return;
        const current = visible.filter((snapshot) => this.follows(snapshot));
        for (const snapshot of current) this.floors.recordSnapshot(snapshot);
        this.unflushed++;
        this.connection.sendResync({
          reason: 'CLIENT_TOO_SLOW',
          snapshots: current,
          truncated: truncated || !complete,
        });
      })
      .catch((error: unknown) => this.options.logError?.('sending a resync failed', error))
      .finally(() => {
        this.holds--;
        this.pump();
      });
  }

  private isVisible(state: InstanceLiveState): boolean | undefined {
    const visible = this.visibility.check(state);
    if (visible !== undefined) return visible;
    return this.unreadable.has(state.processDefinitionKey) ? false : undefined;
  }

  private loadVisibility(processDefinitionKeys: readonly string[]): void {
    this.holds++;
    void this.visibility
      .load(processDefinitionKeys)
      .catch((error: unknown) => this.options.logError?.('reading starter roles failed', error))
      .finally(() => {
        for (const key of processDefinitionKeys) {
          if (this.visibility.check({ processDefinitionKey: key }) === undefined) this.unreadable.add(key);
        }
        this.holds--;
        this.pump();
      });
  }

  /** The states the client may receive (their definitions' starter roles read first). */
  private async visibleOnly(states: InstanceLiveState[]): Promise<InstanceLiveState[]> {
    try {
      await this.visibility.load(states.map((state) => state.processDefinitionKey));
    } catch (error) {
      this.options.logError?.('reading starter roles failed', error);
    }
    return states.filter((state) => this.visibility.check(state) === true);
  }

  private async readSnapshots(
    keys: readonly string[],
  ): Promise<{ snapshots: InstanceLiveState[]; complete: boolean }> {
    const read = await Promise.allSettled(keys.map((key) => this.options.snapshots.instance(key)));
    const snapshots: InstanceLiveState[] = [];
    let complete = true;
    for (const outcome of read) {
      if (outcome.status === 'rejected') {
        complete = false;
        this.options.logError?.('reading a resync snapshot failed', outcome.reason);
      } else if (outcome.value) {
        snapshots.push(outcome.value);
      }
    }
    return { snapshots, complete };
  }
}

function failureOf(error: unknown): { code: BatonError['code']; message: string; retriable: boolean } {
  if (error instanceof BatonError) return { code: error.code, message: error.message, retriable: true };
  return {
    code: 'INTERNAL',
    message: error instanceof Error ? error.message : String(error),
    retriable: true,
  };
}
