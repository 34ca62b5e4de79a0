// The MongoDB message store. Four collections: subscriptions and their claims by
// elementInstanceKey, buffered messages, and the correlations of buffered messages (one per process
// definition). The checks that must be atomic — a messageId not buffered twice, a subscription
// claimed by one message, a message correlated once per definition — are inserts of a
// deterministic _id, which MongoDB and FerretDB both refuse a second time (FerretDB 1.x applies
// conditional updates as a read and a write, which two writers can interleave). Lookups by name and correlation key use an index on MongoDB; FerretDB
// 1.24 scans these (small) collections for them.
import type { MessageSubscription } from '@baton/engine-core';
import type { Collection } from 'mongodb';
import { oldestFirst } from '../message-order';
import {
  MessageAlreadyExistsError,
  type BufferedMessage,
  type MessageMatch,
  type MessageStore,
} from '../message-store';
import { isDuplicateKeyError } from './mongo-errors';

export interface MessageSubscriptionRecord extends Omit<MessageSubscription, 'elementInstanceKey'> {
  /** The elementInstanceKey. */
  readonly _id: string;
}

export interface BufferedMessageRecord extends MessageMatch {
  /**
   * With a messageId, `[tenantId, name, correlationKey, messageId]` as JSON: a second insert of the
   * same id fails while the first is stored. Without one, the messageKey.
   */
  readonly _id: string;
  readonly messageKey: string;
  readonly messageId?: string;
  readonly publishedAt: number;
  readonly expiresAt: number;
  /** The variables as JSON (their names may contain `.` or start with `$`). */
  readonly variables: string;
}

export interface SubscriptionClaimRecord {
  /** The elementInstanceKey of the claimed subscription. */
  readonly _id: string;
  readonly messageKey: string;
}

export interface MessageCorrelationRecord {
  /** `messageKey:processDefinitionKey`. */
  readonly _id: string;
  readonly elementInstanceKey: string;
  readonly expiresAt: number;
}

/** The collections of a {@link MongoMessageStore}. */
export interface MessageCollections {
  readonly subscriptions: Collection<MessageSubscriptionRecord>;
  readonly claims: Collection<SubscriptionClaimRecord>;
  readonly messages: Collection<BufferedMessageRecord>;
  readonly correlations: Collection<MessageCorrelationRecord>;
}

function messageRecordId(message: BufferedMessage): string {
  return message.messageId === undefined
    ? message.messageKey
    : JSON.stringify([message.tenantId, message.name, message.correlationKey, message.messageId]);
}

function toMessage(record: BufferedMessageRecord): BufferedMessage {
  return {
    name: record.name,
    correlationKey: record.correlationKey,
    tenantId: record.tenantId,
    messageKey: record.messageKey,
    ...(record.messageId === undefined ? {} : { messageId: record.messageId }),
    variables: JSON.parse(record.variables) as BufferedMessage['variables'],
    publishedAt: record.publishedAt,
    expiresAt: record.expiresAt,
  };
}

/** The MongoDB implementation of {@link MessageStore}. */
export class MongoMessageStore implements MessageStore {
  constructor(private readonly collections: MessageCollections) {}

  async openSubscription(subscription: MessageSubscription): Promise<void> {
    const { elementInstanceKey, ...record } = subscription;
    const write = (): Promise<unknown> =>
      this.collections.subscriptions.replaceOne({ _id: elementInstanceKey }, record, { upsert: true });
    try {
      await write();
    } catch (error) {
      // A redelivered effect raced the first write of the same subscription: the retry replaces it.
      if (!isDuplicateKeyError(error)) throw error;
      await write();
    }
  }

  async closeSubscription(elementInstanceKey: string): Promise<void> {
    await this.collections.subscriptions.deleteOne({ _id: elementInstanceKey });
    await this.collections.claims.deleteOne({ _id: elementInstanceKey });
  }

  async claimSubscription(elementInstanceKey: string, messageKey: string): Promise<string> {
    const _id = elementInstanceKey;
    try {
      await this.collections.claims.insertOne({ _id, messageKey });
      return messageKey;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const holder = await this.collections.claims.findOne({ _id });
    // Released between the two calls: claim it again.
    return holder === null ? this.claimSubscription(elementInstanceKey, messageKey) : holder.messageKey;
  }

  async releaseSubscription(elementInstanceKey: string, messageKey: string): Promise<void> {
    // Only the holder releases its claim; no other message can claim the subscription before that.
    await this.collections.claims.deleteOne({ _id: elementInstanceKey, messageKey });
  }

  async findSubscriptions(match: MessageMatch): Promise<readonly MessageSubscription[]> {
    const records = await this.collections.subscriptions
      .find({ tenantId: match.tenantId, messageName: match.name, correlationKey: match.correlationKey })
      .toArray();
    return records.map(({ _id, ...subscription }) => ({ ...subscription, elementInstanceKey: _id }));
  }

  async publish(message: BufferedMessage): Promise<void> {
    const { _id, ...record }: BufferedMessageRecord = {
      _id: messageRecordId(message),
      name: message.name,
      correlationKey: message.correlationKey,
      tenantId: message.tenantId,
      messageKey: message.messageKey,
      ...(message.messageId === undefined ? {} : { messageId: message.messageId }),
      publishedAt: message.publishedAt,
      expiresAt: message.expiresAt,
      variables: JSON.stringify(message.variables),
    };
    try {
      await this.collections.messages.insertOne({ _id, ...record });
      return;
    } catch (error) {
      if (!isDuplicateKeyError(error) || message.messageId === undefined) throw error;
    }
    // The id is taken: by a live message (a duplicate), or by an expired one that may be replaced.
    const replaced = await this.collections.messages.replaceOne(
      { _id, expiresAt: { $lte: message.publishedAt } },
      record,
    );
    if (replaced.matchedCount === 0)
      throw new MessageAlreadyExistsError(message.name, message.correlationKey, message.messageId);
  }

  async findBuffered(match: MessageMatch, now: number): Promise<readonly BufferedMessage[]> {
    const records = await this.collections.messages
      .find({
        tenantId: match.tenantId,
        name: match.name,
        correlationKey: match.correlationKey,
        expiresAt: { $gt: now },
      })
      .toArray();
    return records.map(toMessage).sort(oldestFirst);
  }

  async recordCorrelation(
    message: Pick<BufferedMessage, 'messageKey' | 'expiresAt'>,
    processDefinitionKey: string,
    elementInstanceKey: string,
  ): Promise<string> {
    const _id = `${message.messageKey}:${processDefinitionKey}`;
    try {
      await this.collections.correlations.insertOne({
        _id,
        elementInstanceKey,
        expiresAt: message.expiresAt,
      });
      return elementInstanceKey;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const existing = await this.collections.correlations.findOne({ _id });
    // Deleted between the two calls (the message expired meanwhile): no correlation holds it.
    return existing?.elementInstanceKey ?? elementInstanceKey;
  }

  async deleteExpired(now: number): Promise<number> {
    const deleted = await this.collections.messages.deleteMany({ expiresAt: { $lte: now } });
    await this.collections.correlations.deleteMany({ expiresAt: { $lte: now } });
    return deleted.deletedCount;
  }
}
