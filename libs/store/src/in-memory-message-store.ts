// The embedded message store: maps in one process. Each call runs to completion before the next
// starts, so the messageId check and the correlation record are atomic, as a unique _id makes them
// in MongoDB.
import type { MessageSubscription } from '@baton/engine-core';
import {
  MessageAlreadyExistsError,
  type BufferedMessage,
  type MessageMatch,
  type MessageStore,
} from './message-store';
import { oldestFirst } from './message-order';

function matches(candidate: MessageMatch, match: MessageMatch): boolean {
  return (
    candidate.name === match.name &&
    candidate.correlationKey === match.correlationKey &&
    candidate.tenantId === match.tenantId
  );
}

/** The in-memory implementation of {@link MessageStore}. */
export class InMemoryMessageStore implements MessageStore {
  private readonly subscriptions = new Map<string, MessageSubscription>();
  private readonly messages = new Map<string, BufferedMessage>();
  /** elementInstanceKey → the messageKey holding the subscription. */
  private readonly claims = new Map<string, string>();
  /** `messageKey:processDefinitionKey` → the element instance and when the record expires. */
  private readonly correlations = new Map<string, { elementInstanceKey: string; expiresAt: number }>();

  openSubscription(subscription: MessageSubscription): Promise<void> {
    this.subscriptions.set(subscription.elementInstanceKey, { ...subscription });
    return Promise.resolve();
  }

  closeSubscription(elementInstanceKey: string): Promise<void> {
    this.subscriptions.delete(elementInstanceKey);
    this.claims.delete(elementInstanceKey);
    return Promise.resolve();
  }

  claimSubscription(elementInstanceKey: string, messageKey: string): Promise<string> {
    const holder = this.claims.get(elementInstanceKey);
    if (holder !== undefined) return Promise.resolve(holder);
    this.claims.set(elementInstanceKey, messageKey);
    return Promise.resolve(messageKey);
  }

  releaseSubscription(elementInstanceKey: string, messageKey: string): Promise<void> {
    if (this.claims.get(elementInstanceKey) === messageKey) this.claims.delete(elementInstanceKey);
    return Promise.resolve();
  }

  findSubscriptions(match: MessageMatch): Promise<readonly MessageSubscription[]> {
    const found = [...this.subscriptions.values()].filter((subscription) =>
      matches({ ...subscription, name: subscription.messageName }, match),
    );
    return Promise.resolve(found.map((subscription) => ({ ...subscription })));
  }

  publish(message: BufferedMessage): Promise<void> {
    const { messageId } = message;
    if (messageId !== undefined) {
      for (const buffered of this.messages.values()) {
        if (
          buffered.messageId === messageId &&
          matches(buffered, message) &&
          buffered.expiresAt > message.publishedAt
        )
          return Promise.reject(
            new MessageAlreadyExistsError(message.name, message.correlationKey, messageId),
          );
      }
    }
    this.messages.set(message.messageKey, structuredClone(message));
    return Promise.resolve();
  }

  findBuffered(match: MessageMatch, now: number): Promise<readonly BufferedMessage[]> {
    const found = [...this.messages.values()]
      .filter((message) => matches(message, match) && message.expiresAt > now)
      .sort(oldestFirst)
      .map((message) => structuredClone(message));
    return Promise.resolve(found);
  }

  recordCorrelation(
    message: Pick<BufferedMessage, 'messageKey' | 'expiresAt'>,
    processDefinitionKey: string,
    elementInstanceKey: string,
  ): Promise<string> {
    const id = `${message.messageKey}:${processDefinitionKey}`;
    const existing = this.correlations.get(id);
    if (existing) return Promise.resolve(existing.elementInstanceKey);
    this.correlations.set(id, { elementInstanceKey, expiresAt: message.expiresAt });
    return Promise.resolve(elementInstanceKey);
  }

  deleteExpired(now: number): Promise<number> {
    let deleted = 0;
    for (const [key, message] of this.messages) {
      if (message.expiresAt <= now) {
        this.messages.delete(key);
        deleted++;
      }
    }
    for (const [id, correlation] of this.correlations)
      if (correlation.expiresAt <= now) this.correlations.delete(id);
    return Promise.resolve(deleted);
  }
}
