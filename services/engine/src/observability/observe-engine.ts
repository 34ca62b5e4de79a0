// Puts a replica's metrics and logs around the engine's ports before the runtime is built: the bus
// and the instance store measured, the core's apply counted, the runtime's errors as JSON lines.
// The runtime itself is unchanged.
import { apply as coreApply } from '@baton/engine-core';
import { KafkaConsumerLag } from '@baton/messaging';
import type { Registry } from 'prom-client';
import type { EngineRuntimeOptions } from '../engine-runtime';
import { instrumentBus } from './bus-metrics';
import { EngineMetrics } from './engine-metrics';
import { createLogger, type Logger } from './logger';
import { createMetricsRegistry } from './metrics-registry';

export interface ObservedEngine {
  /** The runtime options given, measured; plus `apply` and `logError`. */
  readonly runtimeOptions: EngineRuntimeOptions;
  readonly registry: Registry;
  readonly logger: Logger;
  /** Closes what the observation opened (the lag reader's admin client). */
  close(): Promise<void>;
}

export interface ObserveEngineSettings {
  readonly replicaId: string;
  readonly topicPrefix: string;
  /** Brokers to read consumer lag from; none on the embedded bus. */
  readonly kafkaBrokers?: readonly string[];
}

export function observeEngine(
  options: EngineRuntimeOptions,
  settings: ObserveEngineSettings,
): ObservedEngine {
  const registry = createMetricsRegistry('engine');
  const logger = createLogger({ service: 'engine', replicaId: settings.replicaId });
  const metrics = new EngineMetrics(registry);
  const lag = settings.kafkaBrokers
    ? new KafkaConsumerLag({ brokers: settings.kafkaBrokers, clientId: `${settings.replicaId}-lag` })
    : undefined;
  const runtimeOptions: EngineRuntimeOptions = {
    ...options,
    ...(options.bus
      ? {
          bus: instrumentBus(options.bus, {
            registry,
            logger,
            topicPrefix: settings.topicPrefix,
            ...(lag ? { consumerLag: (groupId: string, topic: string) => lag.lag(groupId, topic) } : {}),
          }),
        }
      : {}),
    ...(options.instanceStore
      ? { instanceStore: metrics.instrumentStore(options.instanceStore, 'instances', 'writeBatch') }
      : {}),
    apply: metrics.instrumentApply(options.apply ?? coreApply),
    // Errors as JSON, with their stack; the runtime's informational lines stay as they are
    // (operators and the failover test read "applies the commands of partitions …" from them).
    logError: options.logError ?? ((message, error) => logger.error({ err: error }, message)),
  };
  return { runtimeOptions, registry, logger, close: async () => lag?.close() };
}
