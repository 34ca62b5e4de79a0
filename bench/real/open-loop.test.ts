import { runOpenLoop } from './open-loop';

/** Keeps the event loop busy for `ms`, as a driver's Kafka worker and observer do. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
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
    const firstDue = performance.now();
    const lateness: number[] = [];
    await runOpenLoop({ perSecond: 1000, firstDue, end: firstDue + 200 }, (due) => {
      lateness.push(performance.now() - due);
      // Each send holds the loop for half its interval: a timer turn per create would drift away.
      busy(0.5);
      return Promise.resolve();
    });
    expect(lateness).toHaveLength(200);
    // Waiting for a timer before each create, the last was about 100 ms late on this machine.
    expect(Math.max(...lateness.slice(-20))).toBeLessThan(40);
  });
});
