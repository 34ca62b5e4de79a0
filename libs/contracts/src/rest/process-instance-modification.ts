// POST /v2/process-instances/{processInstanceKey}/modification (Camunda 8.8 REST v2): activate
// elements and terminate element instances of one running instance, all in one command.
import { z } from 'zod';
import { keySchema } from '../json';
import { requestVariablesSchema } from '../variable-limits';

/**
 * `ancestorElementInstanceKey` as clients send it: a key, or `-1` (Camunda's "none, use the
 * existing flow scope instance"), which Baton reads as absent.
 */
const ancestorKeySchema = z.union([keySchema, z.literal('-1'), z.literal(-1)]);

export const modifyProcessInstanceRequestSchema = z.object({
  activateInstructions: z
    .array(
      z.object({
        elementId: z.string().min(1),
        ancestorElementInstanceKey: ancestorKeySchema.optional(),
        variableInstructions: z
          .array(
            z.object({
              variables: requestVariablesSchema,
              /** The element in whose scope the variables are created; empty: the root scope. */
              scopeId: z.string().optional(),
            }),
          )
          .optional(),
      }),
    )
    .optional(),
  terminateInstructions: z.array(z.object({ elementInstanceKey: keySchema })).optional(),
  /** Accepted and ignored, as for the other operations. */
  operationReference: z.number().int().min(1).optional(),
});
export type ModifyProcessInstanceRequest = z.infer<typeof modifyProcessInstanceRequestSchema>;
