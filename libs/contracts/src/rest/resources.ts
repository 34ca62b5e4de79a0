// POST /v2/resources/{resourceKey}/deletion: Camunda 8.8's resource deletion.
import { z } from 'zod';
import { keySchema } from '../json';

/** `operationReference` is accepted and ignored, as on the other operations. */
export const deleteResourceRequestSchema = z.object({
  operationReference: z.number().int().optional(),
});

/** The key deleted (Camunda 8.9 answers it; 8.8 clients read no body). */
export const deleteResourceResponseSchema = z.object({ resourceKey: keySchema });
