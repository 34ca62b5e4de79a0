import { readConfig } from '@baton/engine';
import { embeddedGatewayConfigSchema, gatewayConfigSchema } from './gateway-config';

describe('gateway configuration', () => {
  it('applies the documented defaults around the required Kafka brokers', () => {
    expect(readConfig(gatewayConfigSchema, { KAFKA_BROKERS: 'kafka-0:9092, kafka-1:9092' })).toEqual({
      PORT: 8081,
      HOST: '0.0.0.0',
      ENGINE_URL: 'http://127.0.0.1:8080',
      KAFKA_BROKERS: ['kafka-0:9092', 'kafka-1:9092'],
      TOPIC_PREFIX: '',
      SOCKET_MAX_QUEUED_UPDATES: 256,
      SOCKET_SNAPSHOT_LIMIT: 100,
    });
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
    expect(() => readConfig(gatewayConfigSchema, { KAFKA_BROKERS: 'no-port' })).toThrow(
      /KAFKA_BROKERS.*expected host:port/,
    );
  });

  it('gives the gateway inside `npm start` a port of its own', () => {
    expect(readConfig(embeddedGatewayConfigSchema, { PORT: '9000' })).toEqual({
      GATEWAY_PORT: 8081,
      SOCKET_MAX_QUEUED_UPDATES: 256,
      SOCKET_SNAPSHOT_LIMIT: 100,
    });
    expect(readConfig(embeddedGatewayConfigSchema, { GATEWAY_PORT: '0' }).GATEWAY_PORT).toBe(0);
  });
});
