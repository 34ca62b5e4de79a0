// The timer store port (DESIGN §3.7): every timer waiting to fire, with its due date and the
// commands-topic partition whose owner fires it. Instance timers (timer catch and boundary events)
// are written by the effect dispatcher; start timers of deployed processes by the deployment. The
// scheduler of each replica reads the due timers of its partitions.
import type { ScheduledTimer } from '@baton/engine-core';
import type { Page, PageRequest } from './query';

interface TimerPlacement {
  /** Epoch ms; the timer never fires earlier. */
  readonly dueDate: number;
  /** The commands-topic partition of the key the firing command goes to: its owner fires the timer. */
  readonly partition: number;
  /**
   * Set while the timer is suspended (Camunda 7: a suspended timer job) — by its definition for a
   * start timer, by its job definition or one by one for any timer: the due date it gets back on
   * activation; `dueDate` is then beyond any clock, so it does not fire.
   */
  readonly suspendedDueDate?: number;
}

/** A timer of a process instance: firing it is a TRIGGER_TIMER command on that instance. */
export interface InstanceTimer extends ScheduledTimer, TimerPlacement {
  readonly kind: 'instance';
}

/**
 * A timer start event of a deployed process version: firing it creates an instance, then the
 * timer moves on to its next occurrence (a cycle) or is removed.
 */
export interface StartTimer extends TimerPlacement {
  readonly kind: 'start';
  readonly timerKey: string;
  readonly processDefinitionKey: string;
  readonly processDefinitionId: string;
  /** The timer start event's id: the instance starts there. */
  readonly elementId: string;
  readonly tenantId: string;
  /**
   * The key of the instance this occurrence creates, chosen when it was scheduled: two replicas
   * firing the same occurrence create the same instance, once.
   */
  readonly processInstanceKey: string;
  /** The timeCycle of a repeating start timer. */
  readonly cycle?: string;
  /** Of a cycle with an end (`R5/…`): how many more times it fires after this due date. */
  readonly repetitionsLeft?: number;
}

export type StoredTimer = InstanceTimer | StartTimer;

/** What a timer search matches (all given fields must match). */
export interface TimerSearchFilter {
  readonly processInstanceKey?: string;
  readonly processDefinitionKey?: string;
  /** Epoch ms, inclusive. */
  readonly dueDateFrom?: number;
  /** Epoch ms, inclusive. */
  readonly dueDateTo?: number;
}

export interface TimerStore {
  /** Stores a timer; storing one with the same timerKey again replaces it. */
  schedule(timer: StoredTimer): Promise<void>;
  /** The timer stored under this key, if any. */
  get(timerKey: string): Promise<StoredTimer | undefined>;
  /** Forgets a timer (fired, canceled); forgetting one that is not stored changes nothing. */
  remove(timerKey: string): Promise<void>;
  /**
   * Replaces a timer stored with due date `firedDueDate` by `next` (same timerKey): a start timer
   * moving on to its next occurrence. False, and nothing written, when no such timer is stored
   * any more (removed by a newer deployment, or moved on already).
   */
  reschedule(firedDueDate: number, next: StoredTimer): Promise<boolean>;
  /** Removes the start timers of every version of a process (a new version replaces them). */
  removeStartTimers(processDefinitionId: string): Promise<void>;
  /** The timers of these partitions due at or before `until`, earliest first, at most `limit`. */
  due(partitions: readonly number[], until: number, limit: number): Promise<readonly StoredTimer[]>;
  /** The waiting timers matching the filter, earliest first (job queries by due date). */
  search(filter: TimerSearchFilter, page?: PageRequest): Promise<Page<StoredTimer>>;
}

/** Earliest due date first; the timer key orders timers due in the same millisecond. */
export function earliestFirst(a: StoredTimer, b: StoredTimer): number {
  return (
    a.dueDate - b.dueDate ||
    a.timerKey.length - b.timerKey.length ||
    (a.timerKey < b.timerKey ? -1 : a.timerKey > b.timerKey ? 1 : 0)
  );
}
