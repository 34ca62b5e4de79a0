// The open loop of `--rate`: creates due at fixed times, whatever the engine answers, each measured
// from when it was due (so a late answer is never hidden by sending the next one later). Only a
// create not yet due waits for a timer. A timer takes a turn of the event loop, 1 ms at least, and
// the driver's loop is busy with its Kafka worker and observer too: waiting for one before every
// create, the driver fell further behind its schedule with each at several hundred a second (half a
// second in (a) at 637/s), and that lateness counted as the engine's create latency.

/** Resolves at `time` (performance.now() scale), or at once when it has passed. */
export function at(time: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, time - performance.now())));
}

export interface OpenLoop {
  readonly perSecond: number;
  /** When the first create is due, performance.now() scale. */
  readonly firstDue: number;
  /** No create is due at or after this. */
  readonly end: number;
}

/** The loop's time: the performance clock and its timers, or a test's. */
export interface OpenLoopClock {
  now(): number;
  /** Resolves at `time` or later. */
  until(time: number): Promise<void>;
}

const performanceClock: OpenLoopClock = { now: () => performance.now(), until: at };

/** Calls `send(due)` for each create as it falls due; resolves once every one it started settled. */
export async function runOpenLoop(
  loop: OpenLoop,
  send: (due: number) => Promise<void>,
  clock: OpenLoopClock = performanceClock,
): Promise<void> {
  const sent: Promise<void>[] = [];
  for (let index = 0; ; index++) {
    const due = loop.firstDue + (index * 1000) / loop.perSecond;
    if (due >= loop.end) break;
    // A timer may fire a fraction of a millisecond early (Node rounds its delay): it is asked again.
    while (due > clock.now()) await clock.until(due);
    sent.push(send(due));
  }
  await Promise.all(sent);
}
