// The message store port (DESIGN §3.8): the open subscriptions of waiting message catch elements,
// and published messages buffered for their time to live. Correlation itself is the runtime's
// work: a publisher looks for subscriptions, a new subscription looks for buffered messages, and
// the claims and correlations recorded here make sure that a subscription takes one message and a
// message reaches one instance per process definition.
import type { Variables } from '@baton/contracts';
import type { MessageSubscription } from '@baton/engine-core';

/** What a message matches a subscription by. */
export interface MessageMatch {
  readonly name: string;
  readonly correlationKey: string;
  readonly tenantId: string;
}

/** A published message kept until it expires. */
export interface BufferedMessage extends MessageMatch {
  readonly messageKey: string;
  /** Publisher's id: while a message with the same name, correlation key and id is buffered, no other is. */
  readonly messageId?: string;
  readonly variables: Variables;
  /** Epoch ms. */
  readonly publishedAt: number;
  /** Epoch ms from which the message no longer correlates (publishedAt + timeToLive). */
  readonly expiresAt: number;
}

/** A message with the same name, correlation key and messageId is still buffered. */
export class MessageAlreadyExistsError extends Error {
  readonly code = 'ALREADY_EXISTS';

  constructor(
    readonly messageName: string,
    readonly correlationKey: string,
    readonly messageId: string,
  ) {
    super(
      `Expected to publish a new message with id '${messageId}', but a message with that id was already published (name '${messageName}', correlation key '${correlationKey}') and has not expired.`,
    );
    this.name = 'MessageAlreadyExistsError';
  }
}

export interface MessageStore {
  /** Stores a subscription (MESSAGE_SUBSCRIPTION_OPENED); storing it again changes nothing. */
  openSubscription(subscription: MessageSubscription): Promise<void>;
  /** Forgets the subscription of an element instance (MESSAGE_SUBSCRIPTION_CLOSED) and its claim, if stored. */
  closeSubscription(elementInstanceKey: string): Promise<void>;
  /**
   * Claims an open subscription for a message about to be correlated to it, unless another
   * message holds it. Returns the messageKey holding it: `messageKey` when this call claimed it
   * (or had before). Held until released or the subscription is closed.
   */
  claimSubscription(elementInstanceKey: string, messageKey: string): Promise<string>;
  /** Releases a claim held by `messageKey` (the message went elsewhere); other claims stay. */
  releaseSubscription(elementInstanceKey: string, messageKey: string): Promise<void>;
  /** The open subscriptions a message of this name and correlation key matches. */
  findSubscriptions(match: MessageMatch): Promise<readonly MessageSubscription[]>;
  /**
   * Buffers a message until `expiresAt`.
   * @throws MessageAlreadyExistsError when it has a messageId and an unexpired message with the
   * same name, correlation key and messageId is buffered.
   */
  publish(message: BufferedMessage): Promise<void>;
  /** The buffered messages matching, unexpired at `now`, oldest first. */
  findBuffered(match: MessageMatch, now: number): Promise<readonly BufferedMessage[]>;
  /**
   * Records that a buffered message correlates to an element instance of a process definition,
   * unless it already correlated to that definition. Returns the element instance the message
   * goes to for that definition: `elementInstanceKey` when this call recorded it, else the
   * earlier one. Kept until the message expires.
   */
  recordCorrelation(
    message: Pick<BufferedMessage, 'messageKey' | 'expiresAt'>,
    processDefinitionKey: string,
    elementInstanceKey: string,
  ): Promise<string>;
  /** Deletes the messages and correlation records expired at `now`; returns how many messages went. */
  deleteExpired(now: number): Promise<number>;
}
