import { busJobTypes, readStandaloneConfig } from './config';

describe('readStandaloneConfig', () => {
  it('applies the documented defaults', () => {
    expect(readStandaloneConfig({})).toEqual({
      PORT: 8080,
      HOST: '0.0.0.0',
      PARTITIONS: 4,
      EXAMPLES_DIR: 'examples',
      DEPLOY_EXAMPLES: true,
      TOPIC_PREFIX: '',
      MONGODB_DATABASE: 'baton',
      KAFKA_JOB_TYPES: [],
      KAFKA_JOB_TIMEOUT_MS: 300_000,
      REQUEST_TIMEOUT_MS: 10_000,
      MAX_INSTANCE_VARIABLES_BYTES: 2 * 1024 * 1024,
      ENGINE_CREATE_ANSWER: 'appended',
      ENGINE_CLOCK_CONTROL: false,
      FEEL_MAX_STEPS: 25_000,
      FEEL_BUDGET_MS: 1000,
      FEEL_PARSE_BUDGET_MS: 1000,
      FEEL_MAX_LIST_SIZE: 100_000,
      FEEL_MAX_EXPRESSION_LENGTH: 10_000,
      FEEL_MAX_NESTING_DEPTH: 64,
      KAFKA_SESSION_TIMEOUT_MS: 10_000,
      KAFKA_TLS: false,
      ADAPTER_JOB_TYPES: ['http', 'kafka-send'],
      HTTP_MAX_RESPONSE_BYTES: 1024 * 1024,
      HTTP_CONCURRENCY: 16,
      HTTP_TIMEOUT_MS: 30_000,
      ADAPTER_RETRY_BACKOFF_MS: 1000,
      ADAPTER_MAX_RETRY_BACKOFF_MS: 60_000,
      // On by default; `npm start` makes a development secret when none is set (development-auth.ts).
      AUTH_MODE: 'jwt',
      AUTH_ROLES_CLAIM: 'roles',
    });
  });

  it("hands the embedded adapter's job types to the bus beside the configured ones", () => {
    expect(busJobTypes(readStandaloneConfig({ KAFKA_JOB_TYPES: 'payment,http' }))).toEqual([
      'payment',
      'http',
      'kafka-send',
    ]);
    expect(busJobTypes(readStandaloneConfig({ ADAPTER_JOB_TYPES: 'http' }))).toEqual(['http']);
    expect(busJobTypes(readStandaloneConfig({ KAFKA_JOB_TYPES: '*' }))).toBe('*');
    expect(() => readStandaloneConfig({ ADAPTER_JOB_TYPES: 'ftp' })).toThrow(/ADAPTER_JOB_TYPES.*ftp/);
  });

  it('names every invalid variable', () => {
    expect(() => readStandaloneConfig({ PORT: 'eighty', PARTITIONS: '0', DEPLOY_EXAMPLES: 'maybe' })).toThrow(
      /PORT[\s\S]*PARTITIONS[\s\S]*DEPLOY_EXAMPLES/,
    );
  });

  it('reads Kafka and MongoDB settings, and wants both or neither', () => {
    const config = readStandaloneConfig({
      KAFKA_BROKERS: 'a:9092, b:9092',
      MONGODB_URI: 'mongodb://db:27017/',
      KAFKA_JOB_TYPES: '*',
    });
    expect(config.KAFKA_BROKERS).toEqual(['a:9092', 'b:9092']);
    expect(config.KAFKA_JOB_TYPES).toBe('*');
    expect(() => readStandaloneConfig({ KAFKA_BROKERS: 'a:9092' })).toThrow(
      /MONGODB_URI: set KAFKA_BROKERS and MONGODB_URI together/,
    );
    expect(() => readStandaloneConfig({ KAFKA_BROKERS: 'nohost', MONGODB_URI: 'http://x' })).toThrow(
      /KAFKA_BROKERS[\s\S]*MONGODB_URI/,
    );
  });
});
