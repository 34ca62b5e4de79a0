// GET /health: liveness for load balancers and Kubernetes probes.
import { z } from 'zod';

export const healthResponseSchema = z.object({ status: z.literal('UP') });
