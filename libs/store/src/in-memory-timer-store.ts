// The embedded timer store: a map in one process. Each call runs to completion before the next
// starts, so a conditional reschedule is atomic here as it is in MongoDB.
import type { Page, PageRequest } from './query';
import { earliestFirst, type StoredTimer, type TimerSearchFilter, type TimerStore } from './timer-store';

/** The in-memory implementation of {@link TimerStore}. */
export class InMemoryTimerStore implements TimerStore {
  private readonly timers = new Map<string, StoredTimer>();

  schedule(timer: StoredTimer): Promise<void> {
    this.timers.set(timer.timerKey, { ...timer });
    return Promise.resolve();
  }

  get(timerKey: string): Promise<StoredTimer | undefined> {
    const timer = this.timers.get(timerKey);
    return Promise.resolve(timer && { ...timer });
  }

  remove(timerKey: string): Promise<void> {
    this.timers.delete(timerKey);
    return Promise.resolve();
  }

  reschedule(firedDueDate: number, next: StoredTimer): Promise<boolean> {
    if (this.timers.get(next.timerKey)?.dueDate !== firedDueDate) return Promise.resolve(false);
    this.timers.set(next.timerKey, { ...next });
    return Promise.resolve(true);
  }

  search(filter: TimerSearchFilter, page: PageRequest = {}): Promise<Page<StoredTimer>> {
    const matching = [...this.timers.values()]
      .filter(
        (timer) =>
          (filter.processInstanceKey === undefined ||
            (timer.kind === 'instance' && timer.processInstanceKey === filter.processInstanceKey)) &&
          (filter.processDefinitionKey === undefined ||
            timer.processDefinitionKey === filter.processDefinitionKey) &&
          (filter.dueDateFrom === undefined || timer.dueDate >= filter.dueDateFrom) &&
          (filter.dueDateTo === undefined || timer.dueDate <= filter.dueDateTo),
      )
      .sort(earliestFirst);
    const from = Math.max(0, page.from ?? 0);
    const limit = Math.max(0, page.limit ?? 100);
    return Promise.resolve({ items: matching.slice(from, from + limit), totalItems: matching.length });
  }

  removeStartTimers(processDefinitionId: string): Promise<void> {
    for (const [timerKey, timer] of this.timers)
      if (timer.kind === 'start' && timer.processDefinitionId === processDefinitionId)
        this.timers.delete(timerKey);
    return Promise.resolve();
  }

  due(partitions: readonly number[], until: number, limit: number): Promise<readonly StoredTimer[]> {
    const owned = new Set(partitions);
    const found = [...this.timers.values()]
      .filter((timer) => owned.has(timer.partition) && timer.dueDate <= until)
      .sort(earliestFirst)
      .slice(0, limit)
      .map((timer) => ({ ...timer }));
    return Promise.resolve(found);
  }
}
