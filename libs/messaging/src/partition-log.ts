// One partition of an in-memory topic: messages addressed by Kafka-style offsets that keep
// counting when old messages are dropped, so committed offsets stay valid across retention.
import type { MessageHeaders } from './message-bus';

export interface StoredMessage {
  readonly key: string;
  readonly value: unknown;
  readonly headers: MessageHeaders;
  /** When it was appended, epoch ms. */
  readonly timestamp: number;
}

/** Fewest messages dropped at once, so that a retention of 0 does not copy the log on every commit. */
const minimumDrop = 256;

export class PartitionLog {
  private messages: StoredMessage[] = [];
  private first = 0;

  /** Offset of the oldest message still kept. */
  get firstOffset(): number {
    return this.first;
  }

  /** Offset the next appended message gets. */
  get endOffset(): number {
    return this.first + this.messages.length;
  }

  append(message: StoredMessage): void {
    this.messages.push(message);
  }

  /** The message at `offset`; it must lie in [firstOffset, endOffset). */
  at(offset: number): StoredMessage {
    const message = this.messages[offset - this.first];
    if (message === undefined)
      throw new RangeError(`offset ${offset} is outside [${this.first}, ${this.endOffset})`);
    return message;
  }

  /**
   * Drops messages below `consumedOffset` (which every reader has passed) except the last
   * `retained` of them. It waits until at least `retained` can go at once, so that a kept message
   * is moved once on average.
   */
  dropConsumed(consumedOffset: number, retained: number): void {
    const droppable = Math.min(consumedOffset, this.endOffset) - this.first - retained;
    if (droppable < Math.max(retained, minimumDrop)) return;
    this.messages = this.messages.slice(droppable);
    this.first += droppable;
  }
}
