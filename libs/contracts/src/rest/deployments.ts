// POST /v2/deployments: multipart upload of BPMN, DMN and form files, one `resources` part per file.
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

export const deployedDecisionDefinitionSchema = z.object({
  decisionDefinitionId: z.string(),
  version: z.number().int(),
  decisionDefinitionKey: keySchema,
  name: z.string(),
  decisionRequirementsId: z.string(),
  decisionRequirementsKey: keySchema,
  tenantId: z.string(),
});

export const deployedDecisionRequirementsSchema = z.object({
  decisionRequirementsId: z.string(),
  decisionRequirementsName: z.string(),
  version: z.number().int(),
  decisionRequirementsKey: keySchema,
  resourceName: z.string(),
  tenantId: z.string(),
});

export const deployedFormSchema = z.object({
  formId: z.string(),
  version: z.number().int(),
  formKey: keySchema,
  resourceName: z.string(),
  tenantId: z.string(),
});

/** One entry per deployed resource item, as Camunda 8.8: exactly one of the members is set. */
export const deploymentEntrySchema = z.object({
  processDefinition: deployedProcessDefinitionSchema.optional(),
  decisionDefinition: deployedDecisionDefinitionSchema.optional(),
  decisionRequirements: deployedDecisionRequirementsSchema.optional(),
  form: deployedFormSchema.optional(),
});

/**
 * Something found in a resource that does not stop it from running, e.g. a diagram shape of an
 * element the process lacks. Baton's addition: Camunda deploys such resources and says nothing.
 */
export const deploymentWarningSchema = z.object({
  resourceName: z.string(),
  code: z.string(),
  message: z.string(),
  elementId: z.string().optional(),
});
export type DeploymentWarning = z.infer<typeof deploymentWarningSchema>;

export const deploymentResponseSchema = z.object({
  deploymentKey: keySchema,
  tenantId: z.string(),
  deployments: z.array(deploymentEntrySchema),
  /** Present only when there is one; clients written for Camunda ignore the member. */
  warnings: z.array(deploymentWarningSchema).optional(),
});
export type DeploymentResponse = z.infer<typeof deploymentResponseSchema>;
