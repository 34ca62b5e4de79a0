// Connects the adapters the configuration names: Kafka + MongoDB when both are set, else nothing
// (the runtime then builds the embedded in-memory ones). A replica started before its Kafka or
// MongoDB is reachable says so and retries, instead of crashing and being restarted in a loop.
import { KafkaBus, type MessageBus } from '@baton/messaging';
import { connectMongoStores, type ConnectedMongoStores } from '@baton/store';
import type { EngineRuntimeOptions } from '../engine-runtime';

export interface InfrastructureSettings {
  readonly kafkaBrokers?: readonly string[];
  readonly mongodbUri?: string;
  readonly mongodbDatabase: string;
  readonly topicPrefix: string;
  readonly clientId: string;
  /** Consumer session timeout (failover time of a replica that died), ms. @default 10000 */
  readonly sessionTimeoutMs?: number;
}

export interface RetryPolicy {
  /** Pause between attempts, ms. @default 5000 */
  readonly retryDelayMs?: number;
  /** Stops retrying (e.g. on SIGTERM): the pending connect rejects. */
  readonly signal?: AbortSignal;
  readonly log?: (message: string) => void;
  /** Attempts before giving up (tests fail fast). @default unlimited */
  readonly maxAttempts?: number;
}

/** What the runtime options need from the real infrastructure, and how it is described to users. */
export interface ConnectedInfrastructure {
  readonly description: string;
  readonly runtimeOptions: Pick<
    EngineRuntimeOptions,
    'bus' | 'instanceStore' | 'definitionStore' | 'jobStore' | 'userTaskStore' | 'messageStore' | 'onClose'
  >;
}

/** Embedded when neither Kafka nor MongoDB is configured; else connects both, retrying until they answer. */
export async function connectInfrastructure(
  settings: InfrastructureSettings,
  policy: RetryPolicy = {},
): Promise<ConnectedInfrastructure> {
  const { kafkaBrokers, mongodbUri } = settings;
  if (!kafkaBrokers || !mongodbUri)
    return { description: 'embedded (in-memory bus and store)', runtimeOptions: {} };
  const bus: MessageBus = await retrying(`Kafka at ${kafkaBrokers.join(',')}`, policy, async () => {
    const sessionTimeoutMs = settings.sessionTimeoutMs ?? 10_000;
    const kafka = new KafkaBus({
      brokers: kafkaBrokers,
      clientId: settings.clientId,
      topicPrefix: settings.topicPrefix,
      sessionTimeoutMs,
      heartbeatIntervalMs: Math.max(500, Math.floor(sessionTimeoutMs / 10)),
      rebalanceTimeoutMs: Math.max(sessionTimeoutMs, 10_000),
    });
    try {
      await kafka.connect();
      return kafka;
    } catch (error) {
      await kafka.close().catch(() => undefined);
      throw error;
    }
  });
  let stores: ConnectedMongoStores;
  try {
    stores = await retrying(`MongoDB at ${redact(mongodbUri)}`, policy, () =>
      connectMongoStores({ uri: mongodbUri, dbName: settings.mongodbDatabase }),
    );
  } catch (error) {
    await bus.close();
    throw error;
  }
  return {
    description: `Kafka ${kafkaBrokers.join(',')} + MongoDB ${redact(mongodbUri)} (database ${settings.mongodbDatabase})`,
    runtimeOptions: {
      bus,
      instanceStore: stores.instances,
      definitionStore: stores.definitions,
      jobStore: stores.jobs,
      userTaskStore: stores.userTasks,
      messageStore: stores.messages,
      onClose: async () => {
        await bus.close();
        await stores.close();
      },
    },
  };
}

async function retrying<T>(what: string, policy: RetryPolicy, attempt: () => Promise<T>): Promise<T> {
  const delayMs = policy.retryDelayMs ?? 5000;
  const log = policy.log ?? ((message: string) => console.error(message));
  for (let attempts = 1; ; attempts++) {
    try {
      return await attempt();
    } catch (error) {
      if (policy.signal?.aborted || attempts >= (policy.maxAttempts ?? Infinity)) throw error;
      log(
        `Baton: cannot reach ${what}: ${error instanceof Error ? error.message : String(error)}. Retrying in ${delayMs / 1000} s.`,
      );
      await pause(delayMs, policy.signal);
    }
  }
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new Error('stopped while waiting to reconnect'));
      },
      { once: true },
    );
  });
}

/** The URI without its password, for logs. */
function redact(uri: string): string {
  return uri.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
