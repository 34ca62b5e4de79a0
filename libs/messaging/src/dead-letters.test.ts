import { findTopic, topics } from '@baton/topics';
import { checkTopicValue, deadLetterMessage } from './dead-letters';

describe('checkTopicValue', () => {
  const commandSchema = findTopic(topics.engineCommands, '')!.schema;
  const command = { type: 'CANCEL_INSTANCE', commandId: 'c1', processInstanceKey: '7' };

  it('delivers what the schema parsed', () => {
    expect(checkTopicValue(commandSchema, command)).toEqual({ valid: true, value: command });
  });

  it('delivers any value as it is when the topic has no schema', () => {
    const value = { anything: [1, 2] };
    expect(checkTopicValue(undefined, value)).toEqual({ valid: true, value });
  });

  it('gives the issues with their paths as the reason, (root) for the value itself', () => {
    const field = checkTopicValue(commandSchema, { ...command, commandId: 1 });
    expect(!field.valid && field.reason).toMatch(/^commandId: /);
    const root = checkTopicValue(commandSchema, 'not an object');
    expect(!root.valid && root.reason).toMatch(/^\(root\): /);
  });
});

describe('deadLetterMessage', () => {
  it('keys and heads the letter like the message it replaces, with a copy of its headers inside', () => {
    const headers = { messageId: 'm1', traceparent: 't1' };
    const message = deadLetterMessage({ topic: 'commands', partition: 2, key: '7', headers }, 'bad', {
      a: 1,
    });
    expect(message).toEqual({
      key: '7',
      headers,
      value: { topic: 'commands', partition: 2, key: '7', reason: 'bad', value: { a: 1 }, headers },
    });
    expect((message.value as { headers: object }).headers).not.toBe(headers);
  });
});
