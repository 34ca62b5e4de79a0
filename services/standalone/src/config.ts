// Standalone configuration: read from the environment once, validated with zod at start-up,
// so that a typo fails at once with a message naming the variable instead of misbehaving later.
import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

export const standaloneConfigSchema = z.object({
  /** HTTP port of the REST API. @default 8080 */
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Interface the REST API listens on. @default "0.0.0.0" */
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Partitions of the embedded command bus (instances are spread over them). @default 4 */
  PARTITIONS: z.coerce.number().int().min(1).max(256).default(4),
  /** Folder whose .bpmn files are deployed at start. @default "examples" */
  EXAMPLES_DIR: z.string().min(1).default('examples'),
  /** Deploy the example processes at start. @default true */
  DEPLOY_EXAMPLES: booleanFromEnv.default(true),
  /** Prefix for every topic name, e.g. `dev.`. @default "" */
  TOPIC_PREFIX: z.string().default(''),
});
export type StandaloneConfig = z.infer<typeof standaloneConfigSchema>;

/** Validates the environment; throws an Error listing every invalid variable. */
export function readStandaloneConfig(env: NodeJS.ProcessEnv): StandaloneConfig {
  const result = standaloneConfigSchema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
}
