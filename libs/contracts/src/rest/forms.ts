// The form a user task or a process's start event links to (GET /v2/user-tasks/{key}/form,
// GET /v2/process-definitions/{key}/form), in the Camunda 8.8 shape: the deployed form-js schema
// as the JSON text it was deployed as.
import { z } from 'zod';
import { keySchema } from '../json';

export const formResponseSchema = z.object({
  formKey: keySchema,
  /** The schema's `id`. */
  formId: z.string(),
  version: z.number().int(),
  /** The form-js schema, as JSON text. */
  schema: z.string(),
  tenantId: z.string(),
});
export type FormResponse = z.infer<typeof formResponseSchema>;
