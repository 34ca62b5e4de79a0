import type { KafkaMessage } from 'kafkajs';
import { findTopic, topics, type DeadLetterMessage } from '@baton/topics';
import { decodeBatch } from './decode-batch';

function record(offset: number, value: string | null, headers: KafkaMessage['headers'] = {}): KafkaMessage {
  return {
    key: Buffer.from('7'),
    value: value === null ? null : Buffer.from(value),
    timestamp: String(1_765_000_000_000 + offset),
    attributes: 0,
    offset: String(offset),
    headers,
  };
}

describe('decodeBatch', () => {
  const commandSchema = findTopic(topics.engineCommands, '')!.schema;

  it('keeps the valid records in offset order and turns the others into dead letters', () => {
    const valid = JSON.stringify({ type: 'CANCEL_INSTANCE', commandId: 'c1', processInstanceKey: '7' });
    const { messages, deadLetters } = decodeBatch(
      'commands',
      3,
      [
        record(10, valid),
        record(11, '{"type":'),
        record(12, '{"type":"CANCEL_INSTANCE"}'),
        record(13, valid),
      ],
      commandSchema,
    );
    expect(messages.map((m) => [m.offset, m.key, m.partition, m.timestamp])).toEqual([
      [10, '7', 3, 1_765_000_000_010],
      [13, '7', 3, 1_765_000_000_013],
    ]);
    const letters = deadLetters.map((letter) => letter.value as DeadLetterMessage);
    expect(letters.map((letter) => [letter.topic, letter.partition, letter.key])).toEqual([
      ['commands', 3, '7'],
      ['commands', 3, '7'],
    ]);
    expect(letters[0]!.reason).toMatch(/^invalid JSON: /);
    expect(letters[0]!.value).toBe('{"type":');
    expect(letters[1]!.reason).toContain('commandId');
    expect(deadLetters.map((letter) => letter.key)).toEqual(['7', '7']);
  });

  it('decodes headers to strings, the last of a repeated one winning, and fills in the standard ones', () => {
    const { messages } = decodeBatch(
      't',
      0,
      [
        record(5, 'null', {
          tenant: Buffer.from('acme'),
          hop: [Buffer.from('a'), Buffer.from('b')],
          plain: 'text',
        }),
      ],
      undefined,
    );
    const [message] = messages;
    expect(message!.value).toBeNull();
    expect(message!.headers).toMatchObject({
      tenant: 'acme',
      hop: 'b',
      plain: 'text',
      messageId: 'kafka:t:0:5',
    });
    expect(message!.headers['traceparent']).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });

  it('reads a record without a value (a tombstone) as null', () => {
    const { messages, deadLetters } = decodeBatch('t', 0, [record(0, null)], undefined);
    expect(messages.map((m) => m.value)).toEqual([null]);
    expect(deadLetters).toEqual([]);
  });
});
