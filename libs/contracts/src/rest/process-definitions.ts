// Baton's process definition listing (Camunda 7 style "query definitions by key"), shaped like
// Camunda 8.8's process definition search results so the same clients can read it.
import { z } from 'zod';
import { keySchema } from '../json';
import { dateTimeSchema, pageRequestSchema, searchResponseSchema, sortRequestSchema } from './common';

export const processDefinitionSchema = z.object({
  processDefinitionKey: keySchema,
  processDefinitionId: z.string(),
  name: z.string().optional(),
  version: z.number().int(),
  resourceName: z.string(),
  tenantId: z.string(),
  deploymentKey: keySchema,
  deployedAt: dateTimeSchema,
  /**
   * The roles that may start it (`camunda:candidateStarterGroups` or `baton:starterRoles`);
   * empty: any authenticated caller. Operators may always.
   */
  starterRoles: z.array(z.string()).optional(),
  /** False for `camunda:isStartableInTasklist="false"`: not offered in the console's start list. */
  startableInTasklist: z.boolean().optional(),
});
export type ProcessDefinitionResponse = z.infer<typeof processDefinitionSchema>;

export const processDefinitionSearchRequestSchema = z.object({
  filter: z
    .object({
      processDefinitionKey: keySchema.optional(),
      processDefinitionId: z.string().optional(),
      name: z.string().optional(),
      version: z.number().int().optional(),
      /** Only the newest version of each process id (true), or only older ones (false). */
      isLatestVersion: z.boolean().optional(),
      tenantId: z.string().optional(),
    })
    .optional(),
  page: pageRequestSchema.optional(),
  sort: sortRequestSchema.optional(),
});
export type ProcessDefinitionSearchRequest = z.infer<typeof processDefinitionSearchRequestSchema>;

export const processDefinitionSearchResponseSchema = searchResponseSchema(processDefinitionSchema);
export type ProcessDefinitionSearchResponse = z.infer<typeof processDefinitionSearchResponseSchema>;
