import { readConfig } from '@baton/platform';
import { embeddedGatewayConfigSchema, gatewayConfigSchema } from './gateway-config';

const secret = { AUTH_JWT_SECRET: 'a-gateway-test-secret-of-32-characters' };

describe('gateway configuration', () => {
  it('applies the documented defaults around the required Kafka brokers', () => {
    expect(
      readConfig(gatewayConfigSchema, { KAFKA_BROKERS: 'kafka-0:9092, kafka-1:9092', ...secret }),
    ).toEqual({
      PORT: 8081,
      HOST: '0.0.0.0',
      ENGINE_URL: 'http://127.0.0.1:8080',
      KAFKA_BROKERS: ['kafka-0:9092', 'kafka-1:9092'],
      TOPIC_PREFIX: '',
      KAFKA_TLS: false,
      SOCKET_MAX_QUEUED_UPDATES: 256,
      SOCKET_SNAPSHOT_LIMIT: 100,
      SOCKET_RESUME_MAX_UPDATES: 10_000,
      SOCKET_RESUME_WINDOW_MS: 300_000,
      AUTH_MODE: 'jwt',
      AUTH_JWT_SECRET: secret.AUTH_JWT_SECRET,
      AUTH_ROLES_CLAIM: 'roles',
    });
  });

  it('refuses to start without a key unless AUTH_MODE=none, and needs ENGINE_TOKEN beside a JWKS', () => {
    const brokers = { KAFKA_BROKERS: 'kafka-0:9092' };
    expect(() => readConfig(gatewayConfigSchema, brokers)).toThrow(
      /AUTH_JWT_SECRET: authentication is on .* set AUTH_MODE=none explicitly/,
    );
    expect(readConfig(gatewayConfigSchema, { ...brokers, AUTH_MODE: 'none' }).AUTH_MODE).toBe('none');
    expect(() =>
      readConfig(gatewayConfigSchema, { ...brokers, AUTH_JWKS_URL: 'https://idp.example/jwks.json' }),
    ).toThrow(/ENGINE_TOKEN: with AUTH_JWKS_URL the gateway cannot sign its own token/);
  });

  it('names every invalid variable, and says why Kafka is needed', () => {
    expect(() =>
      readConfig(gatewayConfigSchema, {
        PORT: 'eighty',
        ENGINE_URL: 'ftp://engine',
        SOCKET_MAX_QUEUED_UPDATES: '0',
      }),
    ).toThrow(
      /PORT[\s\S]*ENGINE_URL[\s\S]*KAFKA_BROKERS: required: the gateway reads instance events from Kafka[\s\S]*SOCKET_MAX_QUEUED_UPDATES/,
    );
    expect(() => readConfig(gatewayConfigSchema, { KAFKA_BROKERS: 'no-port', ...secret })).toThrow(
      /KAFKA_BROKERS.*expected host:port/,
    );
  });

  it('gives the gateway inside `npm start` a port of its own', () => {
    expect(readConfig(embeddedGatewayConfigSchema, { PORT: '9000' })).toEqual({
      GATEWAY_PORT: 8081,
      SOCKET_MAX_QUEUED_UPDATES: 256,
      SOCKET_SNAPSHOT_LIMIT: 100,
      SOCKET_RESUME_MAX_UPDATES: 10_000,
      SOCKET_RESUME_WINDOW_MS: 300_000,
    });
    expect(readConfig(embeddedGatewayConfigSchema, { GATEWAY_PORT: '0' }).GATEWAY_PORT).toBe(0);
  });
});
