// Options of the integration adapter, with their defaults applied in one place (STYLE.md §5).
import { createLogger, logErrorTo, type LogError, type Logger } from '@baton/platform';
import type { MessageBus } from '@baton/messaging';

/** The job types the adapter has a built-in worker for. */
export const builtInJobTypes = ['http', 'kafka-send'] as const;
export type BuiltInJobType = (typeof builtInJobTypes)[number];

/** Options of the `http` worker. */
export interface HttpWorkerOptions {
  /**
   * Largest successful response body read, bytes. Reading stops as soon as it is exceeded and
   * the job fails with an incident.
   * @default 1048576 (1 MiB)
   */
  readonly maxResponseBytes?: number;
  /**
   * HTTP calls in flight at once (over every partition this replica consumes).
   * @default 16
   */
  readonly concurrency?: number;
  /**
   * Timeout of a call whose task sets no `timeout` header, ms: connecting, waiting for the answer
   * and reading its body together.
   * @default 30000
   */
  readonly defaultTimeoutMs?: number;
  /** The fetch implementation (tests may wrap it). @default globalThis.fetch */
  readonly fetch?: typeof fetch;
}

/** Options of {@link startIntegrationAdapter}. */
export interface IntegrationAdapterOptions {
  /** The bus the engine publishes jobs on; the adapter does not close it. */
  readonly bus: MessageBus;
  /**
   * Environment prefix of every topic name, the engine's value.
   * @default '' (the services take it from TOPIC_PREFIX in their configuration)
   */
  readonly topicPrefix?: string;
  /**
   * Built-in workers to run. The engine must hand these types to the bus (`KAFKA_JOB_TYPES`).
   * @default ['http', 'kafka-send']
   */
  readonly jobTypes?: readonly BuiltInJobType[];
  /** Options of the `http` worker. */
  readonly http?: HttpWorkerOptions;
  /**
   * Back-off after the first failure of a job (HTTP call or produce), ms; doubled for every retry
   * the job has consumed since this replica first saw it.
   * @default 1000
   */
  readonly retryBackOffMs?: number;
  /**
   * Longest back-off, ms.
   * @default 60000
   */
  readonly maxRetryBackOffMs?: number;
  /**
   * `kafka-send` jobs handled at once.
   * @default 16
   */
  readonly kafkaSendConcurrency?: number;
  /**
   * The adapter's JSON log; a worker that threw is logged there with the job's processInstanceKey
   * and traceparent (the job is failed with a retry).
   * @default createLogger({ service: 'integration-adapter' })
   */
  readonly logger?: Logger;
  /**
   * Where unexpected errors go instead of the logger.
   * @default the logger, at error
   */
  readonly logError?: LogError;
}

export type HttpWorkerOptionsWithDefaults = Required<HttpWorkerOptions>;

export interface IntegrationAdapterOptionsWithDefaults {
  readonly bus: MessageBus;
  readonly topicPrefix: string;
  readonly jobTypes: readonly BuiltInJobType[];
  readonly http: HttpWorkerOptionsWithDefaults;
  readonly retryBackOffMs: number;
  readonly maxRetryBackOffMs: number;
  readonly kafkaSendConcurrency: number;
  readonly logError: LogError;
}

export function withDefaults(options: IntegrationAdapterOptions): IntegrationAdapterOptionsWithDefaults {
  const http = options.http ?? {};
  return {
    bus: options.bus,
    topicPrefix: options.topicPrefix ?? '',
    jobTypes: options.jobTypes ?? builtInJobTypes,
    http: {
      maxResponseBytes: http.maxResponseBytes ?? 1024 * 1024,
      concurrency: http.concurrency ?? 16,
      defaultTimeoutMs: http.defaultTimeoutMs ?? 30_000,
      fetch: http.fetch ?? ((input, init) => fetch(input, init)),
    },
    retryBackOffMs: options.retryBackOffMs ?? 1000,
    maxRetryBackOffMs: options.maxRetryBackOffMs ?? 60_000,
    kafkaSendConcurrency: options.kafkaSendConcurrency ?? 16,
    logError:
      options.logError ?? logErrorTo(options.logger ?? createLogger({ service: 'integration-adapter' })),
  };
}
