// An adapter replica as an operating-system process (`npm run start:integration-adapter`): a
// KafkaBus, connected with retries while Kafka is not reachable yet, and the workers on it.
import { randomUUID } from 'node:crypto';
import { KafkaBus } from '@baton/messaging';
import type { AdapterConfig } from './config/adapter-config';
import { adapterOptionsFromConfig } from './config/options-from-config';
import { startIntegrationAdapter, type RunningIntegrationAdapter } from './integration-adapter';

export interface AdapterProcess {
  readonly adapter: RunningIntegrationAdapter;
  readonly replicaId: string;
  /** Leaves the consumer groups (answering the jobs in flight), then closes the bus. */
  stop(): Promise<void>;
}

export interface AdapterProcessOptions {
  /** Aborts a start still waiting for Kafka. */
  readonly signal?: AbortSignal;
  /** Pause between connection attempts, ms. @default 5000 */
  readonly retryDelayMs?: number;
  /** @default console.error */
  readonly log?: (message: string) => void;
}

export async function startAdapterProcess(
  config: AdapterConfig,
  options: AdapterProcessOptions = {},
): Promise<AdapterProcess> {
  const replicaId = config.REPLICA_ID ?? `integration-adapter-${randomUUID()}`;
  const bus = await connectKafka(config, replicaId, options);
  try {
    const adapter = await startIntegrationAdapter({
      ...adapterOptionsFromConfig(config),
      bus,
      topicPrefix: config.TOPIC_PREFIX,
    });
    return {
      adapter,
      replicaId,
      stop: async () => {
        await adapter.close();
        await bus.close();
      },
    };
  } catch (error) {
    await bus.close();
    throw error;
  }
}

/** Connects to Kafka, retrying while it is not reachable yet (a replica may start before Kafka). */
async function connectKafka(
  config: AdapterConfig,
  replicaId: string,
  options: AdapterProcessOptions,
): Promise<KafkaBus> {
  const retryDelayMs = options.retryDelayMs ?? 5000;
  const log = options.log ?? ((message: string) => console.error(message));
  for (;;) {
    const bus = new KafkaBus({
      brokers: config.KAFKA_BROKERS,
      clientId: replicaId,
      topicPrefix: config.TOPIC_PREFIX,
    });
    try {
      await untilAborted(bus.connect(), options.signal);
      return bus;
    } catch (error) {
      const closed = bus.close().catch(() => undefined);
      // Stopping: the process exits, without waiting for kafkajs to give up its attempts.
      if (options.signal?.aborted) throw error;
      await closed;
      log(
        `Baton integration adapter: cannot reach Kafka at ${config.KAFKA_BROKERS.join(',')}: ${error instanceof Error ? error.message : String(error)}. Retrying in ${retryDelayMs / 1000} s.`,
      );
      await pause(retryDelayMs, options.signal);
    }
  }
}

/** The promise, or a rejection as soon as the signal aborts (a SIGTERM need not wait for kafkajs' retries). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('stopped while connecting to Kafka'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('stopped while waiting for Kafka'));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new Error('stopped while waiting for Kafka'));
      },
      { once: true },
    );
  });
}
