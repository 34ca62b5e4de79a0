// POST /v2/deployments: multipart upload of BPMN files, one `resources` part per file.
// The request is multipart, so only the answer has a zod schema; the form is described by hand in OpenAPI.
import { z } from 'zod';
import { keySchema } from '../json';

export const deployedProcessDefinitionSchema = z.object({
  processDefinitionId: z.string(),
  processDefinitionVersion: z.number().int(),
  processDefinitionKey: keySchema,
  resourceName: z.string(),
  tenantId: z.string(),
});

export const deploymentResponseSchema = z.object({
  deploymentKey: keySchema,
  tenantId: z.string(),
  deployments: z.array(z.object({ processDefinition: deployedProcessDefinitionSchema })),
});
export type DeploymentResponse = z.infer<typeof deploymentResponseSchema>;
