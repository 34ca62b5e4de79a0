// Shared primitives of every contract: keys are decimal strings, variables are JSON objects.
import { z } from 'zod';

/** A Baton key: a decimal string (64-bit integers do not survive JSON numbers). */
export const keySchema = z.string().regex(/^\d{1,20}$/, 'must be a decimal key string');

/** Process variables: a JSON object, never null. */
export const variablesSchema = z.record(z.string(), z.unknown());
export type Variables = z.infer<typeof variablesSchema>;
