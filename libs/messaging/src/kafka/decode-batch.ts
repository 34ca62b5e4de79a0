// Turns the raw records of one fetched partition batch into what a handler receives: JSON values
// validated against the topic's catalogue schema, string headers. Records that are not JSON or
// fail the schema become dead letters, built as the in-memory bus builds them (dead-letters.ts).
import type { IHeaders, KafkaMessage } from 'kafkajs';
import { checkTopicValue, deadLetterMessage, type TopicSchema } from '../dead-letters';
import { withStandardHeaders } from '../headers';
import type { ConsumedMessage, MessageHeaders, OutgoingMessage } from '../message-bus';

/** The valid messages of a batch, in offset order, and the dead letters for the others. */
export interface DecodedBatch {
  readonly messages: ConsumedMessage[];
  readonly deadLetters: OutgoingMessage[];
}

/** Decodes and validates the records of one partition; `schema` undefined accepts any JSON. */
export function decodeBatch(
  topic: string,
  partition: number,
  records: readonly KafkaMessage[],
  schema: TopicSchema | undefined,
): DecodedBatch {
  const messages: ConsumedMessage[] = [];
  const deadLetters: OutgoingMessage[] = [];
  for (const record of records) {
    const offset = Number(record.offset);
    const key = record.key?.toString('utf8') ?? '';
    const headers = consumedHeaders(record.headers, topic, partition, offset);
    const text = record.value?.toString('utf8');
    const deadLetter = (reason: string, value: unknown): void => {
      deadLetters.push(deadLetterMessage({ topic, partition, key, headers }, reason, value));
    };
    let value: unknown = null;
    if (text !== undefined) {
      try {
        value = JSON.parse(text);
      } catch (error) {
        deadLetter(`invalid JSON: ${error instanceof Error ? error.message : String(error)}`, text);
        continue;
      }
    }
    const checked = checkTopicValue(schema, value);
    if (checked.valid) {
      const timestamp = Number(record.timestamp);
      messages.push({ topic, partition, offset, timestamp, key, value: checked.value, headers });
    } else {
      deadLetter(checked.reason, value);
    }
  }
  return { messages, deadLetters };
}

/**
 * Kafka headers as strings (a repeated header keeps its last value). Records from producers other
 * than Baton may lack `messageId`: it is derived from the record's position, so that a redelivery
 * carries the same id and de-duplication by messageId still works.
 */
export function consumedHeaders(
  raw: IHeaders | undefined,
  topic: string,
  partition: number,
  offset: number,
): MessageHeaders {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw ?? {})) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) headers[name] = typeof last === 'string' ? last : last.toString('utf8');
  }
  headers['messageId'] ??= `kafka:${topic}:${partition}:${offset}`;
  return withStandardHeaders(headers);
}
