// Whether a Kafka cluster answers right now, for readiness probes: a metadata request through a
// small admin client of its own, never retried (the probe asks again a few seconds later) and
// reconnected after a failure, so that a broker back from an outage is seen at the next probe.
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { kafkajsSecurity, type KafkaSecurity } from './kafka-security';
import { installRequestQueueTimerFix } from './request-queue-timer';

/** Options of {@link KafkaReachability}. */
export interface KafkaReachabilityOptions {
  /** Bootstrap brokers, `host:port`. */
  readonly brokers: readonly string[];
  /** TLS and SASL settings, the bus's. @default none */
  readonly security?: KafkaSecurity;
  /**
   * Client id the broker sees.
   * @default 'baton-health'
   */
  readonly clientId?: string;
  /**
   * Connection and request timeout, ms.
   * @default 2000
   */
  readonly timeoutMs?: number;
}

export class KafkaReachability {
  private readonly admin: Admin;
  private connected = false;
  /** The check in flight: concurrent probes share it instead of piling up requests. */
  private inFlight: Promise<void> | undefined;

  constructor(options: KafkaReachabilityOptions) {
    installRequestQueueTimerFix(); // a long-lived admin connection of its own
    const timeoutMs = options.timeoutMs ?? 2000;
    const kafka = new Kafka({
      clientId: options.clientId ?? 'baton-health',
      brokers: [...options.brokers],
      connectionTimeout: timeoutMs,
      requestTimeout: timeoutMs,
      retry: { retries: 0 },
      logLevel: logLevel.NOTHING,
      ...kafkajsSecurity(options.security),
    });
    this.admin = kafka.admin({ retry: { retries: 0 } });
  }

  /** Resolves once a broker answered a metadata request; rejects with the reason otherwise. */
  check(): Promise<void> {
    this.inFlight ??= this.describe().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  async close(): Promise<void> {
    await this.inFlight?.catch(() => undefined);
    this.connected = false;
    await this.admin.disconnect();
  }

  private async describe(): Promise<void> {
    try {
      if (!this.connected) {
        await this.admin.connect();
        this.connected = true;
      }
      const cluster = await this.admin.describeCluster();
      if (cluster.brokers.length === 0) throw new Error('Kafka answered with no brokers');
    } catch (error) {
      this.connected = false;
      await this.admin.disconnect().catch(() => undefined);
      throw error;
    }
  }
}
