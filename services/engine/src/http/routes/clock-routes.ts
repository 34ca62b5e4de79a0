// Camunda 8.8's controlled clock: PUT /v2/clock pins it, POST /v2/clock/reset lets it tick again.
// Refused (403) unless the engine runs with ENGINE_CLOCK_CONTROL=true (facades/clock.ts).
import { pinClockRequestSchema } from '@baton/contracts';
import type { EngineService } from '../../engine-service';
import { defineRoute, type RouteDefinition } from '../route-table';

export function clockRoutes(engine: EngineService): RouteDefinition[] {
  return [
    defineRoute({
      method: 'put',
      path: '/v2/clock',
      access: 'operator',
      tag: 'Clock',
      summary:
        'Pins the engine clock at `timestamp` (epoch ms): commands are applied and timers fire by it until it is pinned again or reset. A testing feature: 403 unless ENGINE_CLOCK_CONTROL=true. On several replicas the pin reaches the others over baton.engine.definition-changes.v1; commands one appends before it has read it carry its own time.',
      body: pinClockRequestSchema,
      response: { status: 204 },
      problems: [400, 403],
      handle: async ({ body, res }) => {
        await engine.pinClock(body.timestamp);
        res.status(204).end();
      },
    }),
    defineRoute({
      method: 'post',
      path: '/v2/clock/reset',
      access: 'operator',
      tag: 'Clock',
      summary: 'Lets the engine clock tick with the system time again. 403 unless ENGINE_CLOCK_CONTROL=true.',
      response: { status: 204 },
      problems: [403],
      handle: async ({ res }) => {
        await engine.resetClock();
        res.status(204).end();
      },
    }),
  ];
}
