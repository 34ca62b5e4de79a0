// PUT /v2/clock: Camunda 8.8's pin of the engine clock (a testing feature; POST /v2/clock/reset has no body).
import { z } from 'zod';

export const pinClockRequestSchema = z.object({
  /** The time to pin the clock at, epoch milliseconds (Camunda: required, not negative). */
  timestamp: z.number().int().min(0),
});
export type PinClockRequest = z.infer<typeof pinClockRequestSchema>;
