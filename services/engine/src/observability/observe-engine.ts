// Puts a replica's metrics and logs around the engine's ports before the runtime is built: the bus
// and the instance store measured, the core's apply counted, the runtime's log lines as JSON.
// The runtime itself is unchanged.
import { apply as coreApply } from '@baton/engine-core';
import { KafkaConsumerLag, type KafkaSecurity } from '@baton/messaging';
import type { Registry } from 'prom-client';
import type { EngineRuntimeOptions } from '../engine-runtime';
import { createLogger, createMetricsRegistry, instrumentBus, type Logger } from '@baton/platform';
import { EngineMetrics } from './engine-metrics';

export interface ObservedEngine {
  /** The runtime options given, measured; plus `apply` and `logger`. */
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
  /** The bus's TLS and SASL settings, for the lag reader's own client. */
  readonly kafkaSecurity?: KafkaSecurity;
  /** @default createLogger({ service: 'engine', replicaId }) */
  readonly logger?: Logger;
}

export function observeEngine(
  options: EngineRuntimeOptions,
  settings: ObserveEngineSettings,
): ObservedEngine {
  const registry = createMetricsRegistry('engine');
  const logger = settings.logger ?? createLogger({ service: 'engine', replicaId: settings.replicaId });
  const metrics = new EngineMetrics(registry);
  const lag = settings.kafkaBrokers
    ? new KafkaConsumerLag({
        brokers: settings.kafkaBrokers,
        clientId: `${settings.replicaId}-lag`,
        ...(settings.kafkaSecurity ? { security: settings.kafkaSecurity } : {}),
      })
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
      ? { instanceStore: metrics.instrumentStore(options.instanceStore, 'instances', 'saveSnapshot') }
      : {}),
    apply: metrics.instrumentApply(options.apply ?? coreApply),
    // The runtime's lines as JSON, on the replica's logger.
    logger: options.logger ?? logger,
  };
  return { runtimeOptions, registry, logger, close: async () => lag?.close() };
}
