// The replica's clock, which `PUT /v2/clock` pins and `POST /v2/clock/reset` lets tick again
// (Camunda's controlled clock, a testing feature: ENGINE_CLOCK_CONTROL). Everything of the replica
// that reads the time reads it here; a command appended while the clock is pinned carries the
// pinned time in a header (clock-stamping-bus.ts), and the owner applies the command at that time,
// so that a replay after a takeover applies it at the same moment again.
import type { MessageHeaders } from '@baton/messaging';

/** The header holding the pinned time a command was appended at, epoch ms as decimal text. */
export const pinnedClockHeader = 'baton-clock';

export class EngineClock {
  private pinned: number | undefined;
  private readonly listeners: Array<() => void> = [];

  constructor(private readonly source: () => number = Date.now) {}

  /** Now, epoch ms: the pinned time while pinned. */
  readonly now = (): number => this.pinned ?? this.source();

  /** The pinned time, or undefined while the clock ticks. */
  pinnedAt(): number | undefined {
    return this.pinned;
  }

  /** Pins the clock at `epochMs` until pinned again or reset. */
  pin(epochMs: number): void {
    this.pinned = epochMs;
    this.changed();
  }

  /** Lets the clock tick with the source again. */
  reset(): void {
    this.pinned = undefined;
    this.changed();
  }

  /** Called after every pin and reset (the timer scheduler looks again). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

/** The pinned time a received command carries, if it was appended while the clock was pinned. */
export function pinnedTimeOf(headers: MessageHeaders | undefined): number | undefined {
  const text = headers?.[pinnedClockHeader];
  if (text === undefined) return undefined;
  const time = Number(text);
  return Number.isSafeInteger(time) ? time : undefined;
}
