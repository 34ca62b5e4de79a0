// Consumer lag per partition, read from the cluster as Prometheus scrapes it: the topic's high
// watermarks minus the group's committed offsets. Through an admin client of its own, retried
// briefly only (finding a group's coordinator can take a moment; the next scrape asks again).
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { kafkajsSecurity, type KafkaSecurity } from './kafka-security';
import { installRequestQueueTimerFix } from './request-queue-timer';

export interface PartitionLag {
  readonly partition: number;
  /** Messages not yet committed by the group. */
  readonly lag: number;
}

export interface KafkaConsumerLagOptions {
  /** Bootstrap brokers, `host:port`. */
  readonly brokers: readonly string[];
  /** TLS and SASL settings, the bus's. @default none */
  readonly security?: KafkaSecurity;
  /** @default 'baton-lag' */
  readonly clientId?: string;
  /** Connection and request timeout, ms. @default 2000 */
  readonly timeoutMs?: number;
}

export class KafkaConsumerLag {
  private readonly admin: Admin;
  private connecting: Promise<void> | undefined;

  constructor(options: KafkaConsumerLagOptions) {
    installRequestQueueTimerFix(); // a long-lived admin connection of its own
    const timeoutMs = options.timeoutMs ?? 2000;
    this.admin = new Kafka({
      clientId: options.clientId ?? 'baton-lag',
      brokers: [...options.brokers],
      connectionTimeout: timeoutMs,
      requestTimeout: timeoutMs,
      retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1000 },
      logLevel: logLevel.NOTHING,
      ...kafkajsSecurity(options.security),
    }).admin();
  }

  /**
   * The group's lag on each partition of the topic. A partition the group never committed on
   * counts every message still in it (high watermark minus low watermark).
   */
  async lag(groupId: string, topic: string): Promise<PartitionLag[]> {
    try {
      this.connecting ??= this.admin.connect();
      await this.connecting;
      const [watermarks, committed] = await Promise.all([
        this.admin.fetchTopicOffsets(topic),
        this.admin.fetchOffsets({ groupId, topics: [topic] }),
      ]);
      const committedByPartition = new Map(
        (committed[0]?.partitions ?? []).map((entry) => [entry.partition, Number(entry.offset)]),
      );
      return watermarks.map(({ partition, high, low }) => {
        const offset = committedByPartition.get(partition) ?? -1;
        const from = offset >= 0 ? offset : Number(low);
        return { partition, lag: Math.max(0, Number(high) - from) };
      });
    } catch (error) {
      this.connecting = undefined;
      await this.admin.disconnect().catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    this.connecting = undefined;
    await this.admin.disconnect();
  }
}
