import { findTopic, jobTopic, topicCatalogue, topicName, topics } from './index';

describe('topic catalogue', () => {
  it('declares the fixed topics with a schema that validates their messages', () => {
    const commands = topicCatalogue[topics.engineCommands]!;
    expect(commands.key).toBe('processInstanceKey');
    expect(
      commands.schema.safeParse({ type: 'CANCEL_INSTANCE', commandId: 'c1', processInstanceKey: '12' })
        .success,
    ).toBe(true);
    expect(
      commands.schema.safeParse({ type: 'CANCEL_INSTANCE', processInstanceKey: 'not-a-key' }).success,
    ).toBe(false);
  });

  it('names job topics per type and finds them, with or without the environment prefix', () => {
    expect(jobTopic('payment')).toBe('baton.jobs.payment.v1');
    expect(findTopic('dev.baton.jobs.payment.v1', 'dev.')?.consumers).toEqual([
      'job workers of type payment',
    ]);
    expect(findTopic('baton.unknown.v1', '')).toBeUndefined();
  });

  it('prefixes names with TOPIC_PREFIX', () => {
    expect(topicName(topics.deadLetters, 'dev.')).toBe('dev.baton.dlq.v1');
    expect(findTopic('dev.baton.dlq.v1', 'dev.')?.name).toBe('baton.dlq.v1');
  });
});

describe('job topic names', () => {
  it('encodes characters Kafka forbids, one-to-one, and finds the type back', () => {
    const type = 'io.camunda:http-json:1';
    const name = jobTopic(type);
    expect(name).toBe('baton.jobs.io.camunda_3ahttp-json_3a1.v1');
    expect(name).toMatch(/^[a-zA-Z0-9._-]+$/);
    expect(findTopic(name, '')?.consumers).toEqual([`job workers of type ${type}`]);
    expect(jobTopic('a_3a')).not.toBe(jobTopic('a:'));
    expect(findTopic(jobTopic('zahlung_ä'), '')?.consumers).toEqual(['job workers of type zahlung_ä']);
  });

  it('keeps the results topic apart from the job topics', () => {
    expect(findTopic(topics.jobResults, '')?.consumers[0]).toContain('engine');
    expect(
      findTopic(topics.jobResults, '')?.schema.safeParse({
        result: 'COMPLETE',
        jobKey: '1',
        processInstanceKey: '2',
      }).success,
    ).toBe(true);
  });
});
