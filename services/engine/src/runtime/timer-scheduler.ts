// The timer scheduler of one replica (DESIGN §3.7). Timers live in the timer store with their due
// date and the commands-topic partition whose owner fires them; the command processor tells the
// scheduler which partitions this replica owns. It sleeps until the earliest due timer of those
// partitions (a setTimeout, at most `maxSleepMs`, so that timers other replicas wrote are found),
// then appends a command per due timer — TRIGGER_TIMER for an instance's timer, CREATE_INSTANCE
// for a start timer — and removes the timer or moves a start cycle on. Never early: a timer fires
// once the clock has passed its due date. A timer fired twice (two replicas during a rebalance, a
// crash before the removal) is applied once: the command's id is `timer:<timerKey>:<dueDate>`, and
// a start timer's occurrence creates the instance whose key it carries.
import type { EngineCommand } from '@baton/contracts';
import type { ScheduledTimer } from '@baton/engine-core';
import { produceTo, type MessageBus, type TopicMessage } from '@baton/messaging';
import type { TopicAddress } from '@baton/topics';
import type { InstanceTimer, StartTimer, StoredDefinition, StoredTimer, TimerStore } from '@baton/store';
import { fallbackEngineLogger } from '../observability/fallback-logger';
import { nextStartOccurrence, startTimerCommand, startTimersOf } from './start-timers';
import { commandMessage } from './command-messages';
import { parked } from './timer-parking';
import { ListedTimers } from './listed-timers';

export interface TimerSchedulerOptions {
  readonly store: TimerStore;
  readonly bus: MessageBus;
  /** The commands topic, environment prefix included. */
  readonly commandsTopic: TopicAddress<EngineCommand>;
  /** The commands topic's partition of a key, as the bus places it. */
  readonly partitionOf: (key: string) => number;
  readonly nextKey: () => string;
  readonly clock: () => number;
  /**
   * Longest sleep between two looks at the store, ms: a timer written by another replica (the
   * start timers of a deployment there, the timers of partitions taken over) fires at most this late.
   * @default 30000
   */
  readonly maxSleepMs?: number;
  /**
   * Most timers read (and fired) per look at the store; more are read at once after.
   * @default 200
   */
  readonly batchSize?: number;
  /** Where a failed look or firing is reported (it is tried again within a second). @default the engine's logger */
  readonly onError?: (error: unknown) => void;
  /** Told of every timer fired, with the time it was fired at (lateness = firedAt - dueDate). */
  readonly onFired?: (timer: StoredTimer, firedAt: number) => void;
  /**
   * Whether an instance's timer armed now is created suspended (its job definition is): it is
   * stored parked and does not fire until activated. @default none is
   */
  readonly armsSuspended?: (timer: ScheduledTimer) => boolean;
}

/** A timer change of a dispatch, in effect order. */
export type TimerChange =
  | { readonly kind: 'schedule'; readonly timer: ScheduledTimer }
  | { readonly kind: 'remove'; readonly timer: ScheduledTimer };

/** How soon a failed look at the store is tried again, ms. */
const RETRY_AFTER_ERROR_MS = 1000;

/** How long what a look listed may be fired from without looking again, ms (listed-timers.ts). */
const LISTING_TRUSTED_MS = 1000;

export class TimerScheduler {
  private owned: readonly number[] = [];
  private wakeTimer?: NodeJS.Timeout;
  /** When the pending wake-up is set for, epoch ms (Infinity: none). */
  private wakeAt = Number.POSITIVE_INFINITY;
  private running?: Promise<void>;
  private runAgain = false;
  private closed = false;
  /**
   * Timers fired whose removal (or move to the next occurrence) is being written, by
   * `timerKey:dueDate`: the store may still list them, and they must not fire again meanwhile.
   * An entry stays until the first look that starts after its write ended (`written`): a look
   * running while the write ended may have read the timer before it went.
   */
  private readonly settling = new Map<string, { readonly write: Promise<void>; written: boolean }>();
  private readonly maxSleepMs: number;
  private readonly batchSize: number;
  private readonly listed = new ListedTimers(LISTING_TRUSTED_MS);
  /** Set for the next listed timer's due date: it fires then, even while a look reads the store. */
  private listedWake?: NodeJS.Timeout;
  private firingListed?: Promise<void>;
  /** Timers whose command is being produced, by `timerKey:dueDate`: not fired again meanwhile. */
  private readonly producing = new Set<string>();

  constructor(private readonly options: TimerSchedulerOptions) {
    this.maxSleepMs = options.maxSleepMs ?? 30_000;
    this.batchSize = options.batchSize ?? 200;
  }

  /** The partitions this replica now owns (after each rebalance): their due timers are looked for at once. */
  assign(partitions: readonly number[]): void {
    this.owned = [...partitions];
    this.listed.clear();
    this.wakeBy(this.options.clock());
  }

  /**
   * Stores the timer changes of a dispatch (the last change of a timer wins) and wakes earlier
   * when a new timer of an owned partition falls due before the next wake-up. Safe to repeat.
   */
  async applyTimerChanges(changes: readonly TimerChange[]): Promise<void> {
    if (changes.length === 0) return;
    const last = new Map<string, TimerChange>();
    for (const change of changes) last.set(change.timer.timerKey, change);
    const { store, armsSuspended } = this.options;
    await Promise.all(
      [...last.values()].map((change) => {
        if (change.kind === 'remove') return store.remove(change.timer.timerKey);
        const timer: InstanceTimer = {
          ...change.timer,
          kind: 'instance',
          partition: this.options.partitionOf(change.timer.processInstanceKey),
        };
        return store.schedule(armsSuspended?.(change.timer) ? parked(timer) : timer);
      }),
    );
    for (const change of last.values()) {
      this.listed.forget(change.timer.timerKey);
      const partition = this.options.partitionOf(change.timer.processInstanceKey);
      if (change.kind === 'schedule' && this.owned.includes(partition)) this.wakeBy(change.timer.dueDate);
    }
  }

  /**
   * Schedules the start timers of a newly deployed version in place of those of every earlier
   * version of its process (which a version without timer start events just removes).
   */
  async deployed(definition: StoredDefinition): Promise<readonly StartTimer[]> {
    const { store, clock, nextKey, partitionOf } = this.options;
    const timers = startTimersOf(definition, { now: clock(), nextKey, partitionOf });
    await store.removeStartTimers(definition.processDefinitionId);
    await Promise.all(timers.map((timer) => store.schedule(timer)));
    for (const timer of timers) if (this.owned.includes(timer.partition)) this.wakeBy(timer.dueDate);
    return timers;
  }

  /** The latest version of a process was deleted and none is left: its start timers go. */
  async withdrawStartTimers(processDefinitionId: string): Promise<void> {
    await this.options.store.removeStartTimers(processDefinitionId);
  }

  /** Told of a timer written to the store elsewhere (one put back on activation): wakes by its due date if owned here. */
  stored(timer: StoredTimer): void {
    this.listed.forget(timer.timerKey);
    if (this.owned.includes(timer.partition)) this.wakeBy(timer.dueDate);
  }

  /** Told of a timer parked (suspended) in this process: it must not fire from what was listed. */
  parked(timer: StoredTimer): void {
    this.listed.forget(timer.timerKey);
  }

  /**
   * The clock was pinned or reset (PUT /v2/clock): looks for due timers at once, by the new time —
   * a wake-up set by the old time may lie far off.
   */
  clockMoved(): void {
    this.listed.clear();
    clearTimeout(this.wakeTimer);
    this.wakeAt = Number.POSITIVE_INFINITY;
    this.wakeBy(this.options.clock());
  }

  /** Stops waking up; resolves once a look in progress and the writes after firings are done. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.wakeTimer);
    clearTimeout(this.listedWake);
    await Promise.all([this.running, this.firingListed]);
    await Promise.all([...this.settling.values()].map((entry) => entry.write));
  }

  /** Puts the next look off until `time` (a failed firing), unless one is running (it sets its own). */
  private wakeNoSoonerThan(time: number): void {
    if (this.running) return;
    clearTimeout(this.wakeTimer);
    this.wakeAt = Number.POSITIVE_INFINITY;
    this.wakeBy(time);
  }

  /** Makes sure the scheduler looks at the store by `time` (now, when it has passed). */
  private wakeBy(time: number): void {
    const now = this.options.clock();
    const at = Math.min(time, now + this.maxSleepMs);
    if (this.closed || at >= this.wakeAt) return;
    clearTimeout(this.wakeTimer);
    this.wakeAt = at;
    this.wakeTimer = setTimeout(() => this.wake(), Math.max(0, at - now));
    this.wakeTimer.unref();
  }

  private wake(): void {
    this.wakeAt = Number.POSITIVE_INFINITY;
    this.wakeTimer = undefined;
    if (this.running) {
      this.runAgain = true;
      return;
    }
    this.running = this.fireDueTimers()
      .then((nextDue) => this.sleepUntil(nextDue))
      .catch((error: unknown) => {
        this.reportError(error);
        this.sleepUntil(this.options.clock() + RETRY_AFTER_ERROR_MS);
      })
      .finally(() => {
        this.running = undefined;
        if (this.runAgain) {
          this.runAgain = false;
          this.wakeBy(this.options.clock());
        }
      });
  }

  private sleepUntil(nextDue: number | undefined): void {
    this.wakeBy(nextDue ?? Number.POSITIVE_INFINITY);
  }

  /** Fires every owned timer due now; returns the next due date known, if any. */
  private async fireDueTimers(): Promise<number | undefined> {
    let next = Number.POSITIVE_INFINITY;
    // The due timers the last look listed go first, without waiting for this look's read.
    await this.fireListedDue();
    for (;;) {
      if (this.closed || this.owned.length === 0) return undefined;
      for (const [id, entry] of this.settling) if (entry.written) this.settling.delete(id);
      const now = this.options.clock();
      const listed = await this.options.store.due(
        this.owned,
        now + this.maxSleepMs,
        this.batchSize + this.settling.size,
      );
      const timers = listed.filter((timer) => this.mayFire(timer));
      this.listed.replace(timers, now);
      this.wakeForListed();
      const due = timers.filter((timer) => timer.dueDate <= now).slice(0, this.batchSize);
      if (due.length > 0) next = Math.min(next, await this.fire(due, now));
      const later = timers.find((timer) => timer.dueDate > now);
      if (later || due.length < this.batchSize)
        return Math.min(next, later?.dueDate ?? Number.POSITIVE_INFINITY);
    }
  }

  private mayFire(timer: StoredTimer): boolean {
    const id = firingId(timer);
    return !this.settling.has(id) && !this.producing.has(id);
  }

  /** Fires the listed timers due now at a listed timer's wake-up (one at a time); then waits for the next. */
  private fireListed(): Promise<void> {
    this.firingListed ??= this.fireListedDue()
      .catch((error: unknown) => {
        // Still stored: a look fires it, after the same pause as when a look's firing fails.
        this.reportError(error);
        this.wakeNoSoonerThan(this.options.clock() + RETRY_AFTER_ERROR_MS);
      })
      .finally(() => {
        this.firingListed = undefined;
        this.wakeForListed();
      });
    return this.firingListed;
  }

  private async fireListedDue(): Promise<void> {
    if (this.closed || this.owned.length === 0) return;
    const now = this.options.clock();
    const due = this.listed
      .due(now)
      .filter((timer) => this.mayFire(timer))
      .slice(0, this.batchSize);
    if (due.length > 0) await this.fire(due, now);
  }

  /** Sets the wake-up for the earliest listed timer not yet due (none when the list is too old). */
  private wakeForListed(): void {
    clearTimeout(this.listedWake);
    this.listedWake = undefined;
    const now = this.options.clock();
    const at = this.closed ? undefined : this.listed.nextDue(now);
    if (at === undefined) return;
    this.listedWake = setTimeout(() => void this.fireListed(), at - now);
    this.listedWake.unref();
  }

  /**
   * Appends one command per timer (one produce); then, without holding up the next look, removes
   * the timers or moves start cycles on. Returns the earliest next occurrence of those cycles
   * (Infinity: none).
   */
  private async fire(timers: readonly StoredTimer[], now: number): Promise<number> {
    const commands: TopicMessage<EngineCommand>[] = timers.map((timer) => {
      const command: EngineCommand =
        timer.kind === 'start'
          ? startTimerCommand(timer)
          : {
              type: 'TRIGGER_TIMER',
              commandId: `timer:${timer.timerKey}:${timer.dueDate}`,
              processInstanceKey: timer.processInstanceKey,
              timerKey: timer.timerKey,
            };
      return commandMessage(command);
    });
    const ids = timers.map(firingId);
    for (const id of ids) this.producing.add(id);
    try {
      await produceTo(this.options.bus, this.options.commandsTopic, commands);
    } catch (error) {
      // Left to the looks, which try again after RETRY_AFTER_ERROR_MS.
      for (const timer of timers) this.listed.forget(timer.timerKey);
      throw error;
    } finally {
      for (const id of ids) this.producing.delete(id);
    }
    let earliestNext = Number.POSITIVE_INFINITY;
    for (const timer of timers) {
      this.listed.forget(timer.timerKey);
      const next = timer.kind === 'start' ? nextStartOccurrence(timer, now, this.options.nextKey) : undefined;
      if (next) earliestNext = Math.min(earliestNext, next.dueDate);
      this.settle(timer, next);
      this.options.onFired?.(timer, now);
    }
    return earliestNext;
  }

  /** Removes a fired timer, or moves it to `next`; until that is written the timer does not fire again. */
  private settle(timer: StoredTimer, next: StoredTimer | undefined): void {
    const { store } = this.options;
    const entry: { write: Promise<void>; written: boolean } = { write: Promise.resolve(), written: false };
    entry.write = (next ? store.reschedule(timer.dueDate, next) : store.remove(timer.timerKey))
      // Not written: the timer fires again (a repeat the command id makes harmless) and is settled then.
      .then(
        () => undefined,
        (error: unknown) => this.reportError(error),
      )
      .finally(() => (entry.written = true));
    this.settling.set(firingId(timer), entry);
  }

  private reportError(error: unknown): void {
    if (this.options.onError) this.options.onError(error);
    else fallbackEngineLogger().error({ err: error }, 'firing timers failed');
  }
}

/** What identifies one firing: a start cycle keeps its timerKey from one due date to the next. */
function firingId(timer: StoredTimer): string {
  return `${timer.timerKey}:${timer.dueDate}`;
}
