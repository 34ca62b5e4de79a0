import { performance } from 'node:perf_hooks';
import { CompletionTracker } from './completion-tracker';

describe('CompletionTracker', () => {
  it('counts each instance once, however often its completion is seen', () => {
    const tracker = new CompletionTracker();
    tracker.recordCompleted('1', 10);
    tracker.recordCompleted('1', 20);
    tracker.recordCompleted('2', 30);
    expect(tracker.completedCount).toBe(2);
    expect(tracker.completedAt.get('1')).toBe(10);
  });

  it('wakes every waiter at the next completion', async () => {
    const tracker = new CompletionTracker();
    const deadline = performance.now() + 10_000;
    const waiting = [tracker.nextCompletion(deadline), tracker.nextCompletion(deadline)];
    tracker.recordCompleted('1');
    await expect(Promise.all(waiting)).resolves.toEqual([true, true]);
  });

  it('gives up at the deadline when nothing completes', async () => {
    const tracker = new CompletionTracker();
    const startedAt = performance.now();
    await expect(tracker.nextCompletion(startedAt + 50)).resolves.toBe(false);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(45);
    await expect(tracker.nextCompletion(startedAt)).resolves.toBe(false);
  });

  it('waits until a condition on the completions holds', async () => {
    const tracker = new CompletionTracker();
    const done = tracker.waitUntil(() => tracker.completedCount >= 3, performance.now() + 10_000);
    for (const key of ['1', '2', '3']) {
      await Promise.resolve();
      tracker.recordCompleted(key);
    }
    await expect(done).resolves.toBe(true);
    const late = tracker.waitUntil(() => tracker.completedCount >= 4, performance.now() + 20);
    await expect(late).resolves.toBe(false);
  });
});
