// Merges concurrent produce calls into one request. The idempotent producer allows one request in
// flight per broker, so calls made one by one would queue behind each other (a REST handler per
// created instance, the dispatcher per batch): while a request is in flight, the calls that come
// in are collected and sent together as the next request. Order per topic is the call order.
import type { Message } from 'kafkajs';

export interface TopicRecords {
  readonly topic: string;
  readonly messages: Message[];
}

interface Waiting {
  readonly topic: string;
  readonly messages: readonly Message[];
  resolve(): void;
  reject(error: unknown): void;
}

export class SendCoalescer {
  private waiting: Waiting[] = [];
  private flushing = false;

  /** `sendBatch` sends the records of several topics in one request. */
  constructor(private readonly sendBatch: (batch: readonly TopicRecords[]) => Promise<void>) {}

  /** Resolves once the request that carried these messages is acknowledged. */
  send(topic: string, messages: readonly Message[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ topic, messages, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.waiting.length > 0) {
      const calls = this.waiting;
      this.waiting = [];
      const byTopic = new Map<string, Message[]>();
      for (const call of calls) {
        const records = byTopic.get(call.topic);
        if (records) records.push(...call.messages);
        else byTopic.set(call.topic, [...call.messages]);
      }
      try {
        await this.sendBatch([...byTopic].map(([topic, messages]) => ({ topic, messages })));
        for (const call of calls) call.resolve();
      } catch (error) {
        // Every call in the request learns of the failure and retries its own messages.
        for (const call of calls) call.reject(error);
      }
    }
    this.flushing = false;
  }
}
