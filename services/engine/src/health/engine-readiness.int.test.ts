// The readiness of a real engine replica on Kafka and the MongoDB-wire database: what the
// Kubernetes readiness probe sees.
import { engineConfigSchema, readConfig } from '../config/engine-config';
import { startEngineProcess, type EngineProcess } from '../engine-process';
import { realTestSettings } from '../testing/test-runtime';

describe('an engine replica on Kafka and MongoDB', () => {
  let started: EngineProcess;
  beforeAll(async () => {
    const settings = realTestSettings('readiness');
    const config = readConfig(engineConfigSchema, {
      PORT: '0',
      HOST: '127.0.0.1',
      KAFKA_BROKERS: settings.kafkaBrokers.join(','),
      MONGODB_URI: settings.mongodbUri,
      MONGODB_DATABASE: settings.mongodbDatabase,
      TOPIC_PREFIX: settings.topicPrefix,
      REPLICA_ID: settings.clientId,
    });
    started = await startEngineProcess(config);
  });
  afterAll(() => started.stop());

  it('is ready, having reached Kafka and MongoDB', async () => {
    const response = await fetch(`http://127.0.0.1:${started.server.port}/health/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'UP',
      checks: { kafka: { status: 'UP' }, mongodb: { status: 'UP' } },
    });
  });
});
