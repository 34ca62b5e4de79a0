// The instances the driver saw complete (on the instance-events topic), and a way to wait for
// the next completion: the driver's create loops park on it while too many instances are in
// flight, instead of polling.
import { performance } from 'node:perf_hooks';

export class CompletionTracker {
  /** performance.now() when each instance was first seen COMPLETED. */
  readonly completedAt = new Map<string, number>();
  private waiters: (() => void)[] = [];

  get completedCount(): number {
    return this.completedAt.size;
  }

  /** Records a completion (repeats of the same instance count once) and wakes everyone waiting. */
  recordCompleted(processInstanceKey: string, at = performance.now()): void {
    if (this.completedAt.has(processInstanceKey)) return;
    this.completedAt.set(processInstanceKey, at);
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /**
   * Resolves `true` at the next completion, or `false` once `deadline` (a performance.now()
   * time) has passed without one.
   */
  nextCompletion(deadline: number): Promise<boolean> {
    const remainingMs = deadline - performance.now();
    if (remainingMs <= 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== wake);
        resolve(false);
      }, remainingMs);
      this.waiters.push(wake);
    });
  }

  /** Waits until `condition` holds (checked after every completion) or `deadline` passes; says whether it holds. */
  async waitUntil(condition: () => boolean, deadline: number): Promise<boolean> {
    while (!condition()) {
      if (!(await this.nextCompletion(deadline))) return condition();
    }
    return true;
  }
}
