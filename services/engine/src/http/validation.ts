// Request validation with the contract schemas: a bad body becomes one 400 INVALID_ARGUMENT
// problem naming every bad field, instead of the first one only.
import { z } from 'zod';
import { BatonError, formatZodIssues, keySchema, zodIssues } from '@baton/contracts';
import { maxEntries } from './problem-bounds';

/** Parses `value` with `schema`; on failure throws INVALID_ARGUMENT listing every bad path. */
export function parseRequest<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what = 'request body',
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  // The answer lists at most 50 (problem-bounds.ts): format no more than that.
  const error = new z.ZodError(result.error.issues.slice(0, maxEntries));
  const invalidParams = zodIssues(error);
  const listed = formatZodIssues(error);
  throw new BatonError('INVALID_ARGUMENT', `Invalid ${what}: ${listed}`, { invalidParams });
}

/** A key from the URL path, checked to be a decimal key string. */
export function pathKey(
  params: Readonly<Record<string, string | string[] | undefined>>,
  name: string,
): string {
  return parseRequest(keySchema, params[name], `path parameter ${name}`);
}
