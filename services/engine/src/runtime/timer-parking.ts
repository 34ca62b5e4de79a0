// A suspended timer (Camunda 7: a suspended timer job) stays in the timer store, parked: its due
// date moves beyond any clock, so no scheduler fires it, and the real one is kept beside it. On
// activation it gets its due date back: an occurrence that fell due meanwhile fires at once, never
// early. Parking is a conditional write on the due date read, so a timer that fired, moved on or
// was removed since is left alone rather than written back.
import type { StoredTimer, TimerStore } from '@baton/store';

/** Beyond any clock (the largest Date): a parked timer is never due. */
const PARKED_DUE_DATE = 8_640_000_000_000_000;

/** Whether the timer is parked (suspended). */
export function isParked(timer: StoredTimer): boolean {
  return timer.suspendedDueDate !== undefined;
}

/** The due date the timer has, or gets back once activated. */
export function realDueDate(timer: StoredTimer): number {
  return timer.suspendedDueDate ?? timer.dueDate;
}

/** The timer as stored while suspended. */
export function parked<T extends StoredTimer>(timer: T): T {
  if (isParked(timer)) return timer;
  return { ...timer, suspendedDueDate: timer.dueDate, dueDate: PARKED_DUE_DATE };
}

/** The timer as stored once activated. */
export function unparked<T extends StoredTimer>(timer: T): T {
  if (!isParked(timer)) return timer;
  const { suspendedDueDate: _kept, ...rest } = timer;
  return { ...rest, dueDate: realDueDate(timer) } as T;
}

/**
 * Parks (suspended) or puts back (activated) a timer read from the store. True when it changed;
 * false when it already was so, or when it fired, moved on or went since it was read.
 */
export function setTimerSuspended(
  store: TimerStore,
  timer: StoredTimer,
  suspended: boolean,
): Promise<boolean> {
  if (isParked(timer) === suspended) return Promise.resolve(false);
  return store.reschedule(timer.dueDate, suspended ? parked(timer) : unparked(timer));
}
