// What both buses do with a consumed value before a handler sees it: check it against the topic's
// catalogue schema, and when it fails (or, on Kafka, is not JSON at all) produce it to the DLQ
// instead, as a DeadLetterMessage saying where it came from and why.
import { formatZodIssues } from '@baton/contracts';
import type { DeadLetterMessage, TopicDefinition } from '@baton/topics';
import type { MessageHeaders, OutgoingMessage } from './message-bus';

/** A topic's catalogue schema. */
export type TopicSchema = TopicDefinition['schema'];

/** A consumed value as its topic's schema parsed it, or why it cannot be delivered. */
export type CheckedValue =
  { readonly valid: true; readonly value: unknown } | { readonly valid: false; readonly reason: string };

/** Parses `value` with the topic's schema; without a schema any value is delivered as it is. */
export function checkTopicValue(schema: TopicSchema | undefined, value: unknown): CheckedValue {
  if (!schema) return { valid: true, value };
  const parsed = schema.safeParse(value);
  if (parsed.success) return { valid: true, value: parsed.data };
  const reason = formatZodIssues(parsed.error);
  return { valid: false, reason };
}

/** Where an undeliverable message was consumed. */
export interface DeadLetterSource {
  readonly topic: string;
  readonly partition: number;
  readonly key: string;
  readonly headers: MessageHeaders;
}

/** The DLQ message for an undeliverable value, keyed and headed like the message it replaces. */
export function deadLetterMessage(source: DeadLetterSource, reason: string, value: unknown): OutgoingMessage {
  const { topic, partition, key, headers } = source;
  const letter: DeadLetterMessage = { topic, partition, key, reason, value, headers: { ...headers } };
  return { key, value: letter, headers };
}
