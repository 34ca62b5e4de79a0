// PUT /v2/clock and POST /v2/clock/reset: Camunda's controlled clock, a testing feature that is
// refused unless ENGINE_CLOCK_CONTROL is on. The pin reaches the other replicas over
// `baton.engine.definition-changes.v1` (runtime/definition-changes.ts); until one has read it, the
// commands it appends carry its own time (DESIGN §3.6: a command's time is part of its record).
import { BatonError } from '@baton/contracts';
import type { EngineClock } from '../runtime/engine-clock';

export interface ClockFacadeOptions {
  readonly clock: EngineClock;
  /** ENGINE_CLOCK_CONTROL. @default false */
  readonly enabled: boolean;
  /** Tells the other replicas (the pinned time, or null after a reset). */
  readonly announce: (pinnedAt: number | null) => Promise<void>;
}

export class ClockFacade {
  constructor(private readonly options: ClockFacadeOptions) {}

  async pin(epochMs: number): Promise<void> {
    this.assertEnabled();
    this.options.clock.pin(epochMs);
    await this.options.announce(epochMs);
  }

  async reset(): Promise<void> {
    this.assertEnabled();
    this.options.clock.reset();
    await this.options.announce(null);
  }

  /**
   * As Zeebe's clock endpoint answers while `zeebe.clock.controlled` is off: 403 (camunda/camunda
   * zeebe/broker ActorClockEndpoint: "if the clock is not controllable … any write or delete
   * operations will result in a 403 response").
   */
  private assertEnabled(): void {
    if (!this.options.enabled)
      throw new BatonError(
        'FORBIDDEN',
        'The engine clock is not controllable: start the engine with ENGINE_CLOCK_CONTROL=true to pin it (a testing feature, off by default).',
      );
  }
}
