// The adapter's options from its validated environment: one mapping, used by the separate process
// and by the standalone when it runs the adapter embedded.
import type { z } from 'zod';
import type { IntegrationAdapterOptions } from '../adapter-options';
import type { adapterTuningShape } from './adapter-config';

type AdapterTuning = { [K in keyof typeof adapterTuningShape]: z.infer<(typeof adapterTuningShape)[K]> };

/** Every option but the bus and the topic prefix. */
export function adapterOptionsFromConfig(
  tuning: AdapterTuning,
): Omit<IntegrationAdapterOptions, 'bus' | 'topicPrefix'> {
  return {
    jobTypes: tuning.ADAPTER_JOB_TYPES,
    http: {
      maxResponseBytes: tuning.HTTP_MAX_RESPONSE_BYTES,
      concurrency: tuning.HTTP_CONCURRENCY,
      defaultTimeoutMs: tuning.HTTP_TIMEOUT_MS,
    },
    retryBackOffMs: tuning.ADAPTER_RETRY_BACKOFF_MS,
    maxRetryBackOffMs: tuning.ADAPTER_MAX_RETRY_BACKOFF_MS,
  };
}
