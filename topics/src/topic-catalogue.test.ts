import { findTopic, jobTopic, topicCatalogue, topicName, topics } from './index';

describe('topic catalogue', () => {
  it('declares the fixed topics with a schema that validates their messages', () => {
    const commands = topicCatalogue[topics.engineCommands]!;
    expect(commands.key).toBe('processInstanceKey');
    expect(commands.schema.safeParse({ type: 'CANCEL_INSTANCE', commandId: 'c1', processInstanceKey: '12' }).success).toBe(true);
    expect(commands.schema.safeParse({ type: 'CANCEL_INSTANCE', processInstanceKey: 'not-a-key' }).success).toBe(false);
  });

  it('names job topics per type and finds them, with or without the environment prefix', () => {
    expect(jobTopic('payment')).toBe('baton.jobs.payment.v1');
    expect(findTopic('dev.baton.jobs.payment.v1', 'dev.')?.consumers).toEqual(['job workers of type payment']);
    expect(findTopic('baton.unknown.v1', '')).toBeUndefined();
  });

  it('prefixes names with TOPIC_PREFIX', () => {
    expect(topicName(topics.deadLetters, 'dev.')).toBe('dev.baton.dlq.v1');
    expect(findTopic('dev.baton.dlq.v1', 'dev.')?.name).toBe('baton.dlq.v1');
  });
});
