// Standalone configuration: the engine's variables plus the demo's, read from the environment
// once and validated with zod at start-up, so that a typo fails at once naming the variable.
import { z } from 'zod';
import { addConfigIssues, booleanFromEnv, readConfig } from '@baton/platform';
import { engineConfigShape, infrastructureConfigIssues } from '@baton/engine';
import { adapterTuningShape } from '@baton/integration-adapter';

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
    addConfigIssues(context, infrastructureConfigIssues(config));
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
