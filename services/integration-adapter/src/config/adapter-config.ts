// Integration adapter configuration from the environment, validated with zod at start-up (the
// engine's style): a typo fails at once naming the variable. On its own the adapter needs Kafka,
// where the engine publishes the jobs; embedded in `npm start` it shares the standalone's bus.
import { z } from 'zod';
import {
  addConfigIssues,
  commaList,
  kafkaClientConfigShape,
  kafkaSecurityConfigIssues,
} from '@baton/platform';
import { builtInJobTypes, type BuiltInJobType } from '../adapter-options';

const jobTypeList = commaList
  .pipe(
    z
      .array(
        z.enum(builtInJobTypes, {
          error: (issue) =>
            `unknown built-in job type '${String(issue.input)}'; known: ${builtInJobTypes.join(', ')}`,
        }),
      )
      .min(1, `name at least one of: ${builtInJobTypes.join(', ')}`),
  )
  .transform((types): readonly BuiltInJobType[] => [...new Set(types)]);

/** Tuning of the workers, shared by the separate adapter and one embedded in `npm start`. */
export const adapterTuningShape = {
  /** Built-in workers to run, comma-separated. @default "http,kafka-send" */
  ADAPTER_JOB_TYPES: z.string().default(builtInJobTypes.join(',')).pipe(jobTypeList),
  /** Largest successful HTTP response body read, bytes; a larger one fails the job. @default 1048576 (1 MiB) */
  HTTP_MAX_RESPONSE_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(1024 * 1024 * 1024)
    .default(1024 * 1024),
  /** HTTP calls in flight at once in this replica. @default 16 */
  HTTP_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(16),
  /** Timeout of an HTTP call whose task sets no `timeout` header, ms. @default 30000 */
  HTTP_TIMEOUT_MS: z.coerce.number().int().min(1).default(30_000),
  /** Back-off after the first failure of a job (HTTP call, produce), ms; doubled for each retry consumed. @default 1000 */
  ADAPTER_RETRY_BACKOFF_MS: z.coerce.number().int().min(0).default(1000),
  /** Longest back-off between two attempts of a job, ms. @default 60000 */
  ADAPTER_MAX_RETRY_BACKOFF_MS: z.coerce.number().int().min(0).default(60_000),
};

export const adapterConfigSchema = z
  .object({
    /** KAFKA_BROKERS (the engine publishes the jobs there), KAFKA_TLS…, KAFKA_SASL_…, TOPIC_PREFIX. */
    ...kafkaClientConfigShape('the adapter reads jobs from Kafka (`npm start` can run it embedded instead)'),
    /** This replica's Kafka client id. @default "integration-adapter-" + a random UUID */
    REPLICA_ID: z
      .string()
      .regex(/^[a-zA-Z0-9._-]+$/, 'letters, digits, ".", "_" and "-"')
      .optional(),
    /** Port of the HTTP server answering `/health/live` and `/health/ready` (probes). @default 8082 */
    HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(8082),
    ...adapterTuningShape,
  })
  .superRefine((config, context) => {
    addConfigIssues(context, kafkaSecurityConfigIssues(config));
  });
export type AdapterConfig = z.infer<typeof adapterConfigSchema>;
