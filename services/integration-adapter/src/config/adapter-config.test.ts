import { readConfig } from '@baton/platform';
import { adapterOptionsFromConfig } from './options-from-config';
import { adapterConfigSchema } from './adapter-config';

const brokers = { KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092' };

it('applies the defaults', () => {
  const config = readConfig(adapterConfigSchema, brokers);
  expect(config).toMatchObject({
    KAFKA_BROKERS: ['kafka-1:9092', 'kafka-2:9092'],
    TOPIC_PREFIX: '',
    ADAPTER_JOB_TYPES: ['http', 'kafka-send'],
    HTTP_MAX_RESPONSE_BYTES: 1024 * 1024,
    HTTP_CONCURRENCY: 16,
    HTTP_TIMEOUT_MS: 30_000,
  });
  expect(adapterOptionsFromConfig(config)).toEqual({
    jobTypes: ['http', 'kafka-send'],
    http: { maxResponseBytes: 1024 * 1024, concurrency: 16, defaultTimeoutMs: 30_000 },
    retryBackOffMs: 1000,
    maxRetryBackOffMs: 60_000,
  });
});

it('reads the values given', () => {
  const config = readConfig(adapterConfigSchema, {
    ...brokers,
    TOPIC_PREFIX: 'dev.',
    ADAPTER_JOB_TYPES: ' http ',
    HTTP_MAX_RESPONSE_BYTES: '2048',
    HTTP_CONCURRENCY: '4',
  });
  expect(config).toMatchObject({
    TOPIC_PREFIX: 'dev.',
    ADAPTER_JOB_TYPES: ['http'],
    HTTP_MAX_RESPONSE_BYTES: 2048,
    HTTP_CONCURRENCY: 4,
  });
});

it('names every invalid variable', () => {
  expect(() =>
    readConfig(adapterConfigSchema, {
      KAFKA_BROKERS: 'no-port',
      ADAPTER_JOB_TYPES: 'http,soap',
      HTTP_MAX_RESPONSE_BYTES: 'lots',
      HTTP_CONCURRENCY: '0',
    }),
  ).toThrow(
    new RegExp(
      [
        'Invalid configuration:',
        '  KAFKA_BROKERS.0: expected host:port',
        "  ADAPTER_JOB_TYPES.1: unknown built-in job type 'soap'; known: http, kafka-send",
        '  HTTP_MAX_RESPONSE_BYTES: .*',
        '  HTTP_CONCURRENCY: .*>=1',
      ].join('\n'),
    ),
  );
});

it('requires the brokers, and at least one job type', () => {
  expect(() => readConfig(adapterConfigSchema, {})).toThrow(/KAFKA_BROKERS: required/);
  expect(() => readConfig(adapterConfigSchema, { ...brokers, ADAPTER_JOB_TYPES: ' , ' })).toThrow(
    /ADAPTER_JOB_TYPES: name at least one of: http, kafka-send/,
  );
});
