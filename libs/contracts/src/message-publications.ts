// A message published over Kafka (`baton.messages.v1`), as `POST /v2/messages/publication` does over
// HTTP: how plugins answer a `kafka-send` message (FLOWX's reply), or signal anything a receive task
// or message catch event waits for. Keyed by the correlation key (or the instance it answers).
import { z } from 'zod';
import { variablesSchema } from './json';

/** Default time a message published over Kafka waits for its subscription, ms: a reply may be faster than the instance. */
export const defaultKafkaMessageTimeToLiveMs = 60_000;

export const messagePublicationSchema = z.object({
  /** The BPMN message name the receive task or catch event waits for. */
  name: z.string().min(1),
  /** Matched against the subscription's correlation key. */
  correlationKey: z.string().default(''),
  /** How long the message waits for a subscription, ms; 0 reaches only subscriptions open now. */
  timeToLive: z.number().int().min(0).default(defaultKafkaMessageTimeToLiveMs),
  /**
   * While a message with the same name, correlation key and id is buffered, another is ignored.
   * @default the Kafka message's `messageId` header, so a redelivered record is correlated once
   */
  messageId: z.string().min(1).optional(),
  variables: variablesSchema.optional(),
});
export type MessagePublication = z.infer<typeof messagePublicationSchema>;
