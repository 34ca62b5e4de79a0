// Shapes shared by every REST body of the Camunda 8 REST API v2 surface (DESIGN §5):
// tenant ids, paging, search envelopes and the RFC 9457 problem document.
import { z } from 'zod';
import { errorCodes } from '../errors';

/** Baton is single-tenant: every tenant id is answered as this one. */
export const DEFAULT_TENANT_ID = '<default>';

/** A tenant id in a request: accepted and ignored. */
export const tenantIdRequestSchema = z.string().optional();

/** An ISO-8601 date-time string as the engine records it. */
export const dateTimeSchema = z.string().describe('ISO-8601 date-time');

/** A request's `page` member: offset paging as Camunda's `from` / `limit`. */
export const pageRequestSchema = z.object({
  from: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).max(10_000).optional(),
});

/**
 * A request's `sort` member; `order` is accepted in either case. At most 100 entries: the length
 * is checked before the entries, so 10,000 bad ones cost one issue, not 20,000 (180 ms).
 */
export const sortRequestSchema = z
  .array(
    z.object({
      field: z.string().min(1),
      order: z.enum(['ASC', 'DESC', 'asc', 'desc']).optional(),
    }),
  )
  .max(100);

/**
 * The longest wait a server timer can hold, ms (2^31 − 1, about 24.8 days): Node fires a longer
 * `setTimeout` at once. A `requestTimeout` above it is refused rather than answered 504 at once.
 */
export const maxRequestTimeoutMs = 2_147_483_647;

/** A request's `requestTimeout`, ms, within what a timer holds. */
export const requestTimeoutSchema = z
  .number()
  .int()
  .max(maxRequestTimeoutMs, {
    message: `must be at most ${maxRequestTimeoutMs} ms (2^31 − 1, a timer's limit)`,
  });

/**
 * An int64 request field as a number or as its decimal text: the 8.8 API types such fields int64,
 * and Camunda's @camunda8/orchestration-cluster-api sends them as strings (`"requestTimeout": "0"`).
 */
export function int64Field(schema: z.ZodNumber) {
  return z.union([
    schema,
    z
      .string()
      .regex(/^-?\d{1,16}$/, 'must be an integer')
      .transform(Number)
      .pipe(schema),
  ]);
}

/** The `page` member of every search answer. */
export const pageResponseSchema = z.object({ totalItems: z.number().int().min(0) });

/** Builds `{items, page}` for a search answer of the given item schema. */
export function searchResponseSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), page: pageResponseSchema });
}

/** One problem found in a deployed resource (extension member `problems`). */
export const deploymentProblemSchema = z.looseObject({
  code: z.string().optional(),
  elementId: z.string().optional(),
  resourceName: z.string().optional(),
  message: z.string(),
});

/** One invalid request field (extension member `invalidParams`). */
export const invalidParamSchema = z.object({ path: z.string(), message: z.string() });

/** RFC 9457 problem document; `title` is a stable Baton error code and `status` the HTTP status. */
export const problemSchema = z.looseObject({
  type: z.string(),
  title: z.enum(errorCodes),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string(),
  problems: z.array(deploymentProblemSchema).optional(),
  invalidParams: z.array(invalidParamSchema).optional(),
  /** ALREADY_EXISTS of a create with a business id: the instance that has it. */
  processInstanceKey: z.string().optional(),
  /** `Some mandatory params are missing.`: the start variables that are missing. */
  missingParams: z.array(z.string()).optional(),
});
export type Problem = z.infer<typeof problemSchema>;
