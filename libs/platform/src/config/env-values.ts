// Value types of environment variables shared by the services' configurations, and how their
// cross-variable problems are reported.
import { z } from 'zod';

/** A problem of the configuration, naming the variable to fix. */
export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
}

/** Adds each issue to a schema's `superRefine` context, so that start-up lists them all. */
export function addConfigIssues(
  context: z.RefinementCtx,
  issues: readonly (ConfigIssue | undefined)[],
): void {
  for (const issue of issues)
    if (issue) context.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
}

/** `true`/`false`, `1`/`0` or `yes`/`no`, as people write them in env files and manifests. */
export const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** A comma-separated list, items trimmed, empty items dropped. */
export const commaList = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0),
);

/** Kafka bootstrap brokers, `host:port,…`: at least one. */
export const brokerList = commaList.pipe(
  z.array(z.string().regex(/^[^:\s]+:\d+$/, 'expected host:port')).min(1),
);
