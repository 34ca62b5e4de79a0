// Standalone configuration: the engine's variables plus the demo's, read from the environment
// once and validated with zod at start-up, so that a typo fails at once naming the variable.
import { z } from 'zod';
import { engineConfigShape, readConfig } from '@baton/engine';
import { adapterTuningShape } from '@baton/integration-adapter';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

export const standaloneConfigSchema = z
  .object({
    ...engineConfigShape,
    ...adapterTuningShape,
    /** Folder whose .bpmn files are deployed at start. @default "examples" */
    EXAMPLES_DIR: z.string().min(1).default('examples'),
    /** Deploy the example processes at start. @default true */
    DEPLOY_EXAMPLES: booleanFromEnv.default(true),
  })
  .superRefine((config, context) => {
    if ((config.KAFKA_BROKERS === undefined) !== (config.MONGODB_URI === undefined)) {
      context.addIssue({
        code: 'custom',
        path: [config.KAFKA_BROKERS === undefined ? 'KAFKA_BROKERS' : 'MONGODB_URI'],
        message:
          'set KAFKA_BROKERS and MONGODB_URI together (both for Kafka + MongoDB, neither for the embedded defaults)',
      });
    }
  });
export type StandaloneConfig = z.infer<typeof standaloneConfigSchema>;

/**
 * The job types the engine hands to the bus: those configured, plus the built-in workers the
 * embedded integration adapter runs (their jobs must reach it).
 */
export function busJobTypes(config: StandaloneConfig): readonly string[] | '*' {
  if (config.KAFKA_JOB_TYPES === '*') return '*';
  return [...new Set([...config.KAFKA_JOB_TYPES, ...config.ADAPTER_JOB_TYPES])];
}

/** Validates the environment; throws an Error listing every invalid variable. */
export function readStandaloneConfig(env: NodeJS.ProcessEnv): StandaloneConfig {
  return readConfig(standaloneConfigSchema, env);
}
