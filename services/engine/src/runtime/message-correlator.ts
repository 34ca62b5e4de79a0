// Message correlation (DESIGN §3.8): matches published messages and open subscriptions and turns
// each match into a CORRELATE_MESSAGE command for the instance's partition. Both sides look: a
// publisher for open subscriptions, a new subscription for buffered messages, so a message
// published while a subscription opens is found by one of them. Two records in the store keep it
// to Zeebe's rules under any interleaving: a claim gives a subscription to one message, and the
// correlation of a buffered message (one per process definition) gives it to one instance of each.
import { BatonError, type EngineCommand, type Variables } from '@baton/contracts';
import type { MessageSubscription } from '@baton/engine-core';
import type { MessageBus } from '@baton/messaging';
import type { TopicAddress } from '@baton/topics';
import { fallbackEngineLogger } from '../observability/fallback-logger';
import type { MessageStarts } from './message-starts';
import {
  MessageAlreadyExistsError,
  type BufferedMessage,
  type MessageMatch,
  type MessageStore,
} from '@baton/store';
import { appendCommands } from './command-messages';

export interface MessageCorrelatorOptions {
  readonly store: MessageStore;
  readonly bus: MessageBus;
  /** The commands topic, environment prefix included. */
  readonly commandsTopic: TopicAddress<EngineCommand>;
  readonly nextKey: () => string;
  readonly clock: () => number;
  readonly tenantId: string;
  /**
   * Least time between two deletions of expired messages (run from a publication), ms.
   * @default 60000
   */
  readonly expiredSweepIntervalMs?: number;
  /** Where a failed deletion of expired messages is reported. @default the engine's logger */
  readonly onSweepError?: (error: unknown) => void;
  /** Message start events: the instances a message creates. @default none */
  readonly starts?: MessageStarts;
}

/** A subscription change of a dispatch, in effect order. */
export type SubscriptionChange =
  | { readonly kind: 'open'; readonly subscription: MessageSubscription }
  | { readonly kind: 'close'; readonly subscription: MessageSubscription };

export interface PublishMessageInput {
  readonly name: string;
  readonly correlationKey: string;
  /** How long the message waits for a subscription, ms; 0 correlates only to open subscriptions. */
  readonly timeToLiveMs: number;
  readonly messageId?: string;
  readonly variables: Variables;
}

export interface CorrelateMessageInput {
  readonly name: string;
  readonly correlationKey: string;
  readonly variables: Variables;
}

/** Sends a command with a reply target and resolves once it was applied (rejections throw BatonErrors). */
export type AwaitedSend = (command: EngineCommand) => Promise<unknown>;

/** The command that hands a message to one waiting element instance; its id makes a repeat a no-op. */
export function correlateCommand(
  subscription: MessageSubscription,
  message: { readonly messageKey: string; readonly variables: Variables },
): Extract<EngineCommand, { type: 'CORRELATE_MESSAGE' }> {
  return {
    type: 'CORRELATE_MESSAGE',
    commandId: `correlate:${message.messageKey}:${subscription.elementInstanceKey}`,
    processInstanceKey: subscription.processInstanceKey,
    elementInstanceKey: subscription.elementInstanceKey,
    messageKey: message.messageKey,
    messageName: subscription.messageName,
    variables: message.variables,
  };
}

/** Subscriptions grouped by process definition, in the order found. */
function byDefinition(subscriptions: readonly MessageSubscription[]): MessageSubscription[][] {
  const groups = new Map<string, MessageSubscription[]>();
  for (const subscription of subscriptions) {
    const group = groups.get(subscription.processDefinitionKey);
    if (group) group.push(subscription);
    else groups.set(subscription.processDefinitionKey, [subscription]);
  }
  return [...groups.values()];
}

export class MessageCorrelator {
  private lastSweepAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: MessageCorrelatorOptions) {}

  /**
   * Stores the subscription changes of a dispatch (the last change of an element instance wins),
   * then correlates a buffered message to each subscription still open, if one is waiting.
   * Safe to repeat: the store writes are idempotent, a correlation recorded for the same element
   * instance is sent again and the command's id makes the repeat a no-op.
   */
  async applySubscriptionChanges(changes: readonly SubscriptionChange[]): Promise<void> {
    if (changes.length === 0) return;
    const last = new Map<string, SubscriptionChange>();
    for (const change of changes) last.set(change.subscription.elementInstanceKey, change);
    const { store } = this.options;
    await Promise.all(
      [...last.values()].map((change) =>
        change.kind === 'open'
          ? store.openSubscription(change.subscription)
          : store.closeSubscription(change.subscription.elementInstanceKey),
      ),
    );
    const opened = [...last.values()].filter((change) => change.kind === 'open');
    const commands = await Promise.all(opened.map((change) => this.bufferedMessageFor(change.subscription)));
    await this.send(commands.filter((command) => command !== undefined));
  }

  /**
   * The command correlating to a new subscription the oldest buffered message that it can claim
   * and that has not gone to an instance of its definition yet. A subscription already held by a
   * buffered message (a redispatch, or a publisher that got there first) gets that one again.
   *
   * A claim taken for a message that then turns out to have gone to another instance is given
   * back; while it was held, a publisher may have found the subscription taken and left its
   * message buffered. So after giving claims back the buffer is read again, until it holds no
   * message not yet considered: one published meanwhile is found here. `passedOver`: messages
   * known to be elsewhere already.
   */
  private async bufferedMessageFor(
    subscription: MessageSubscription,
    passedOver = new Set<string>(),
  ): Promise<EngineCommand | undefined> {
    const { store } = this.options;
    const { elementInstanceKey, processDefinitionKey } = subscription;
    for (;;) {
      const buffered = (await store.findBuffered(matchOf(subscription), this.options.clock())).filter(
        (message) => !passedOver.has(message.messageKey),
      );
      if (buffered.length === 0) return undefined;
      for (const message of buffered) {
        const holder = await store.claimSubscription(elementInstanceKey, message.messageKey);
        if (holder !== message.messageKey) {
          // Whoever holds the claim correlates, or gives it back and looks again itself.
          const held = buffered.find((candidate) => candidate.messageKey === holder);
          const recipient =
            held && (await store.recordCorrelation(held, processDefinitionKey, elementInstanceKey));
          return held && recipient === elementInstanceKey ? correlateCommand(subscription, held) : undefined;
        }
        if (
          (await store.recordCorrelation(message, processDefinitionKey, elementInstanceKey)) ===
          elementInstanceKey
        )
          return correlateCommand(subscription, message);
        await store.releaseSubscription(elementInstanceKey, message.messageKey);
        passedOver.add(message.messageKey);
      }
    }
  }

  /**
   * Claims the first subscription of one definition's group that no other message holds; for a
   * buffered message also records the correlation, and gives the claim back when the message went
   * to another instance of the definition meanwhile — then looks for a buffered message that found
   * the subscription held meanwhile (`lateComers`). Returns the subscription that takes it.
   */
  private async claimOneOf(
    group: readonly MessageSubscription[],
    message: Pick<BufferedMessage, 'messageKey' | 'expiresAt'>,
    buffered: boolean,
    lateComers: EngineCommand[] = [],
  ): Promise<MessageSubscription | undefined> {
    const { store } = this.options;
    for (const subscription of group) {
      const { elementInstanceKey, processDefinitionKey } = subscription;
      if ((await store.claimSubscription(elementInstanceKey, message.messageKey)) !== message.messageKey)
        continue;
      if (!buffered) return subscription;
      if (
        (await store.recordCorrelation(message, processDefinitionKey, elementInstanceKey)) ===
        elementInstanceKey
      )
        return subscription;
      await store.releaseSubscription(elementInstanceKey, message.messageKey);
      const lateComer = await this.bufferedMessageFor(subscription, new Set([message.messageKey]));
      if (lateComer) lateComers.push(lateComer);
      return undefined;
    }
    return undefined;
  }

  /**
   * Publishes a message: correlates it to one open subscription per process definition, and
   * buffers it for `timeToLiveMs` (when > 0) for subscriptions that open later.
   * @throws BatonError ALREADY_EXISTS when its messageId is buffered already.
   */
  async publish(input: PublishMessageInput): Promise<{ messageKey: string }> {
    const now = this.options.clock();
    const message: BufferedMessage = {
      messageKey: this.options.nextKey(),
      name: input.name,
      correlationKey: input.correlationKey,
      tenantId: this.options.tenantId,
      ...(input.messageId === undefined ? {} : { messageId: input.messageId }),
      variables: input.variables,
      publishedAt: now,
      expiresAt: now + input.timeToLiveMs,
    };
    const buffered = input.timeToLiveMs > 0;
    if (buffered) await this.buffer(message);
    this.sweepExpired(now);
    const subscriptions = await this.options.store.findSubscriptions(message);
    const commands: EngineCommand[] = [];
    for (const group of byDefinition(subscriptions)) {
      const taker = await this.claimOneOf(group, message, buffered, commands);
      if (taker) commands.push(correlateCommand(taker, message));
    }
    if (this.options.starts)
      commands.push(...(await this.options.starts.commandsFor({ ...message, buffered })));
    await this.send(commands);
    return { messageKey: message.messageKey };
  }

  /**
   * Correlates a message to the open subscriptions (one per process definition) and waits until it
   * was applied; nothing is buffered. Answers the first instance that took it.
   * @throws BatonError NOT_FOUND when no waiting element took the message.
   */
  async correlate(
    input: CorrelateMessageInput,
    sendAndAwait: AwaitedSend,
  ): Promise<{ messageKey: string; processInstanceKey: string }> {
    const match: MessageMatch = {
      name: input.name,
      correlationKey: input.correlationKey,
      tenantId: this.options.tenantId,
    };
    const subscriptions = await this.options.store.findSubscriptions(match);
    const message = { messageKey: this.options.nextKey(), variables: input.variables, expiresAt: 0 };
    let first: string | undefined;
    for (const group of byDefinition(subscriptions)) {
      // A subscription that no longer waits refuses the message: the next one of its definition may take it.
      for (let remaining = group; remaining.length > 0;) {
        const taker = await this.claimOneOf(remaining, message, false);
        if (!taker) break;
        if (await this.deliver(taker, message, sendAndAwait)) {
          first ??= taker.processInstanceKey;
          break;
        }
        remaining = remaining.slice(remaining.indexOf(taker) + 1);
      }
    }
    // Message start events: each new instance is answered once it exists (the first one's key if no catch took it).
    const starts = this.options.starts
      ? await this.options.starts.commandsFor({
          messageKey: message.messageKey,
          name: input.name,
          correlationKey: input.correlationKey,
          variables: input.variables,
          expiresAt: 0,
          buffered: false,
        })
      : [];
    for (const command of starts) {
      await sendAndAwait(command);
      first ??= command.processInstanceKey;
    }
    if (first === undefined) {
      throw new BatonError(
        'NOT_FOUND',
        `Expected to find a subscription for message '${input.name}' with correlation key '${input.correlationKey}', but none was found.`,
      );
    }
    return { messageKey: message.messageKey, processInstanceKey: first };
  }

  /** True when the element instance took the message; false when it no longer waited for it. */
  private async deliver(
    subscription: MessageSubscription,
    message: { readonly messageKey: string; readonly variables: Variables },
    sendAndAwait: AwaitedSend,
  ): Promise<boolean> {
    try {
      await sendAndAwait(correlateCommand(subscription, message));
      return true;
    } catch (error) {
      if (error instanceof BatonError && (error.code === 'NOT_FOUND' || error.code === 'INVALID_STATE')) {
        await this.options.store.releaseSubscription(subscription.elementInstanceKey, message.messageKey);
        return false;
      }
      throw error;
    }
  }

  private async buffer(message: BufferedMessage): Promise<void> {
    try {
      await this.options.store.publish(message);
    } catch (error) {
      if (error instanceof MessageAlreadyExistsError) throw new BatonError('ALREADY_EXISTS', error.message);
      throw error;
    }
  }

  /** Deletes expired messages now and then, in the background of a publication. */
  private sweepExpired(now: number): void {
    if (now - this.lastSweepAt < (this.options.expiredSweepIntervalMs ?? 60_000)) return;
    this.lastSweepAt = now;
    this.options.store.deleteExpired(now).catch((error: unknown) => {
      const report =
        this.options.onSweepError ??
        ((failure: unknown) =>
          fallbackEngineLogger().error({ err: failure }, 'deleting expired messages failed'));
      report(error);
    });
  }

  /**
   * Instances started by message start events ended (MESSAGE_START_RELEASED): a message buffered
   * with the same correlation key may start the next one.
   */
  async startsReleased(
    released: readonly { processDefinitionId: string; correlationKey: string }[],
  ): Promise<void> {
    const { starts } = this.options;
    if (!starts || released.length === 0) return;
    const commands: EngineCommand[] = [];
    for (const { processDefinitionId, correlationKey } of released)
      commands.push(...(await starts.released(processDefinitionId, correlationKey)));
    await this.send(commands);
  }

  private async send(commands: readonly EngineCommand[]): Promise<void> {
    await appendCommands(this.options.bus, this.options.commandsTopic, commands);
  }
}

function matchOf(subscription: MessageSubscription): MessageMatch {
  return {
    name: subscription.messageName,
    correlationKey: subscription.correlationKey,
    tenantId: subscription.tenantId,
  };
}
