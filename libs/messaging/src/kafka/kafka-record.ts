// An outgoing message as the record kafkajs sends: the value as JSON text, the standard headers
// added. The plain producer and the transactional ones build their records here alike.
import type { Message } from 'kafkajs';
import { withStandardHeaders } from '../headers';
import type { OutgoingMessage } from '../message-bus';

/** The record for `message`; throws, as the in-memory bus does, for a value JSON cannot carry. */
export function toKafkaRecord(message: OutgoingMessage): Message {
  const text = JSON.stringify(message.value ?? null) as string | undefined;
  if (text === undefined) throw new TypeError(`the value of the message with key ${message.key} is not JSON`);
  return { key: message.key, value: text, headers: { ...withStandardHeaders(message.headers) } };
}
