// Variables as resources (Camunda 8.8 `POST /v2/variables/search`, `GET /v2/variables/{key}`,
// `POST /v2/user-tasks/{key}/variables/search`): one named value in one scope of an instance.
import { z } from 'zod';
import { keySchema } from '../json';
import { maxLikePatternChars } from './process-instances';
import { pageRequestSchema, searchResponseSchema, sortRequestSchema, tenantIdRequestSchema } from './common';

export const variableSchema = z.object({
  variableKey: keySchema,
  name: z.string(),
  /** The value as JSON text; in a search, cut to the first 8,191 characters when longer (`isTruncated`). */
  value: z.string(),
  /** The scope holding the variable: the processInstanceKey, or a subprocess's / task's element instance. */
  scopeKey: keySchema,
  processInstanceKey: keySchema,
  tenantId: z.string(),
  /** Whether `value` was cut; a get by key answers the whole value. */
  isTruncated: z.boolean(),
});
export type VariableResponse = z.infer<typeof variableSchema>;

/** Camunda's AdvancedStringFilter: a plain string is `$eq`. */
export const stringFilterSchema = z.union([
  z.string(),
  z
    .strictObject({
      $eq: z.string().optional(),
      $neq: z.string().optional(),
      $exists: z.boolean().optional(),
      $in: z.array(z.string()).optional(),
      /** `*` matches any run of characters; the rest is literal. */
      $like: z
        .string()
        .max(maxLikePatternChars, { message: `must be at most ${maxLikePatternChars} characters` })
        .optional(),
    })
    .refine((operators) => Object.keys(operators).length > 0, { message: 'name an operator' }),
]);
export type StringFilter = z.infer<typeof stringFilterSchema>;

const variableFilterSchema = z.object({
  variableKey: stringFilterSchema.optional(),
  name: stringFilterSchema.optional(),
  /** On the value's JSON text: `"\"Nice Pizza\""`, `"42"`. */
  value: stringFilterSchema.optional(),
  scopeKey: stringFilterSchema.optional(),
  processInstanceKey: stringFilterSchema.optional(),
  isTruncated: z.boolean().optional(),
  tenantId: tenantIdRequestSchema,
});

export const variableSearchRequestSchema = z.object({
  filter: variableFilterSchema.optional(),
  page: pageRequestSchema.optional(),
  sort: sortRequestSchema.optional(),
});
export type VariableSearchRequest = z.infer<typeof variableSearchRequestSchema>;

/** The variables a user task sees: its own scope and those above it, the nearest of a name winning. */
export const userTaskVariableSearchRequestSchema = z.object({
  filter: z.object({ name: stringFilterSchema.optional() }).optional(),
  page: pageRequestSchema.optional(),
  sort: sortRequestSchema.optional(),
});

export const variableSearchResponseSchema = searchResponseSchema(variableSchema);
