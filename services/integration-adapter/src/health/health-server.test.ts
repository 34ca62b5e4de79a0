import { Counter } from 'prom-client';
import { createMetricsRegistry } from '@baton/platform';
import { startHealthServer, type RunningHealthServer } from './health-server';

describe('the adapter health server', () => {
  let kafkaAnswers = true;
  let server: RunningHealthServer;
  beforeAll(async () => {
    const metricsRegistry = createMetricsRegistry('integration-adapter');
    new Counter({ name: 'baton_test_jobs_total', help: 'Jobs.', registers: [metricsRegistry] }).inc(2);
    server = await startHealthServer({
      metricsRegistry,
      port: 0,
      host: '127.0.0.1',
      readinessChecks: {
        kafka: () =>
          kafkaAnswers
            ? Promise.resolve()
            : Promise.reject(new Error('There is no leader for this topic-partition')),
      },
    });
  });
  afterAll(() => server.close());
  const get = (path: string) => fetch(`http://127.0.0.1:${server.port}${path}`);

  it('is live, and ready only while Kafka answers', async () => {
    expect((await get('/health/live')).status).toBe(200);
    kafkaAnswers = true;
    const ready = await get('/health/ready');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'UP', checks: { kafka: { status: 'UP' } } });
    kafkaAnswers = false;
    const notReady = await get('/health/ready');
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({
      status: 'DOWN',
      checks: { kafka: { status: 'DOWN', error: 'There is no leader for this topic-partition' } },
    });
  });

  it('serves the metrics for Prometheus', async () => {
    const response = await get('/metrics');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('baton_test_jobs_total{service="integration-adapter"} 2');
  });

  it('answers nothing else', async () => {
    expect((await get('/v2/topology')).status).toBe(404);
  });
});
