import { runOpenLoop, type OpenLoopClock } from './open-loop';

/**
 * A clock that moves only as the loop works: a timer turn takes 1 ms of it at least (as Node's
 * timers do), and each send `sendMs` (a loop also busy with a Kafka worker and an observer).
 */
function busyClock(sendMs: number): OpenLoopClock & { readonly timers: number; sent(): void } {
  let now = 0;
  let timers = 0;
  return {
    now: () => now,
    until: (time) => {
      timers++;
      now = Math.max(now, time) + 1;
      return Promise.resolve();
    },
    get timers() {
      return timers;
    },
    sent: () => {
      now += sendMs;
    },
  };
}

describe('the open loop of --rate', () => {
  it('never sends a create before it is due, and sends them all', async () => {
    const firstDue = performance.now() + 5;
    const early: number[] = [];
    let count = 0;
    await runOpenLoop({ perSecond: 500, firstDue, end: firstDue + 100 }, (due) => {
      count++;
      if (performance.now() < due) early.push(due);
      return Promise.resolve();
    });
    expect(count).toBe(50);
    expect(early).toEqual([]);
  });

  it('sends the creates already due at once when its event loop was busy, instead of falling further behind', async () => {
    const clock = busyClock(0.5);
    const lateness: number[] = [];
    await runOpenLoop(
      { perSecond: 1000, firstDue: 0, end: 200 },
      (due) => {
        lateness.push(clock.now() - due);
        // Each send holds the loop for half its interval: a timer turn per create would drift away.
        clock.sent();
        return Promise.resolve();
      },
      clock,
    );
    expect(lateness).toHaveLength(200);
    // A timer before every create would leave the last one 100 ms late (1.5 ms per 1 ms interval).
    expect(Math.max(...lateness)).toBeLessThanOrEqual(1.5);
    expect(clock.timers).toBeLessThan(200);
  });
});
