// Messages published over Kafka (`baton.messages.v1`) — plugins' replies to kafka-send messages and
// any other event a receive task or catch event waits for — go through the same publication as
// `POST /v2/messages/publication`: correlated to open subscriptions, buffered for their time to
// live. The Kafka messageId is the default message id, so a record delivered twice (a crash
// before the offset commit) finds its first copy buffered and is dropped.
import { BatonError } from '@baton/contracts';
import { subscribeTo, type MessageBus, type Subscription } from '@baton/messaging';
import type { BatonTopics } from '@baton/topics';
import type { PublishMessageRequest } from '../engine-service';

export interface MessagePublicationConsumerOptions {
  readonly bus: MessageBus;
  readonly topic: BatonTopics['messages'];
  readonly groupId: string;
  readonly publish: (request: PublishMessageRequest) => Promise<unknown>;
}

export class MessagePublicationConsumer {
  private subscription?: Subscription;

  constructor(private readonly options: MessagePublicationConsumerOptions) {}

  async start(): Promise<void> {
    this.subscription = await subscribeTo(this.options.bus, this.options.topic, {
      groupId: this.options.groupId,
      fromBeginning: true,
      eachBatch: async (batch) => {
        // In order: two messages of one key keep their order, as two REST publications would.
        for (const message of batch.messages) {
          // As the topic's schema parsed it (defaults filled); invalid ones went to the DLQ.
          const publication = message.value;
          const messageId = publication.messageId ?? message.headers['messageId'];
          try {
            await this.options.publish({
              name: publication.name,
              correlationKey: publication.correlationKey,
              timeToLiveMs: publication.timeToLive,
              ...(messageId !== undefined ? { messageId } : {}),
              ...(publication.variables ? { variables: publication.variables } : {}),
            });
          } catch (error) {
            // The same record again: its first copy is buffered (the point of the messageId).
            if (!(error instanceof BatonError && error.code === 'ALREADY_EXISTS')) throw error;
          }
        }
      },
    });
  }

  async close(): Promise<void> {
    await this.subscription?.close();
  }
}
