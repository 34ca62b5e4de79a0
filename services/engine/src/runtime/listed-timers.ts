// The instance timers of the owned partitions that the timer scheduler's last look at the store
// listed. A timer falling due is fired from here at once, before the next look: that look reads the
// timer store (a scan on FerretDB, tens of ms under load), and a timer falling due while one ran
// waited for the next look's read too, which made most of a timer's lateness.
//
// Firing from the list cannot fire a timer twice (its command id names it and its due date, and it
// is settling once fired) nor early (only once its due date passed). A list can be stale: the
// owner's own changes (a timer canceled or moved, parked or put back here) take their timers out,
// and a list older than `trustedForMs` is not used at all. What remains is a timer another replica
// parked (suspension) within that time before it fell due: it fires, and the suspended instance
// holds the trigger until it is activated, as it would for a trigger already on its way. Start
// timers are never fired from the list: a deployment elsewhere replaces them, and firing one
// creates an instance.
import type { InstanceTimer, StoredTimer } from '@baton/store';

export class ListedTimers {
  private timers = new Map<string, InstanceTimer>();
  private listedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly trustedForMs: number) {}

  /** What a look that started at `at` listed (every timer of the owned partitions up to its limit). */
  replace(listed: readonly StoredTimer[], at: number): void {
    this.timers = new Map();
    for (const timer of listed) if (timer.kind === 'instance') this.timers.set(timer.timerKey, timer);
    this.listedAt = at;
  }

  /** The listed timers due at `now`, earliest first; none when the list is too old to trust. */
  due(now: number): InstanceTimer[] {
    if (now - this.listedAt > this.trustedForMs) return [];
    const due: InstanceTimer[] = [];
    for (const timer of this.timers.values()) if (timer.dueDate <= now) due.push(timer);
    return due.sort((a, b) => a.dueDate - b.dueDate);
  }

  /** The earliest due date after `now` of the listed timers; none when the list is too old to trust. */
  nextDue(now: number): number | undefined {
    if (now - this.listedAt > this.trustedForMs) return undefined;
    let earliest: number | undefined;
    for (const { dueDate } of this.timers.values())
      if (dueDate > now && (earliest === undefined || dueDate < earliest)) earliest = dueDate;
    return earliest;
  }

  /** A timer fired or changed: the next look tells what became of it. */
  forget(timerKey: string): void {
    this.timers.delete(timerKey);
  }

  /** Partitions changed hands, or the clock moved: nothing listed is trusted any more. */
  clear(): void {
    this.timers = new Map();
    this.listedAt = Number.NEGATIVE_INFINITY;
  }
}
