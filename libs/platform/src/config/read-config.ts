// Reading a service's configuration: the environment validated against the service's zod schema
// once, at start-up, failing with every invalid variable named instead of the first.
import { formatZodIssues } from '@baton/contracts';
import type { z } from 'zod';

/** Validates an environment against a schema; throws an Error listing every invalid variable. */
export function readConfig<T>(schema: z.ZodType<T>, env: NodeJS.ProcessEnv): T {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = formatZodIssues(result.error, { root: '', separator: '\n', indent: '  ' });
  throw new Error(`Invalid configuration:\n${lines}`);
}
