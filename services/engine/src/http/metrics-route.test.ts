import { Counter } from 'prom-client';
import { createMetricsRegistry } from '../observability';
import { engineStandIn, startTestServer } from './test-support';

describe('GET /metrics on the REST API', () => {
  it('serves the registry in Prometheus text format', async () => {
    const registry = createMetricsRegistry('engine');
    new Counter({ name: 'baton_test_total', help: 'A test counter.', registers: [registry] }).inc(3);
    const server = await startTestServer(engineStandIn(), { metricsRegistry: registry });
    try {
      const response = await fetch(`${server.baseUrl}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
      const text = await response.text();
      expect(text).toContain('baton_test_total{service="engine"} 3');
      expect(text).toContain('process_resident_memory_bytes');
    } finally {
      await server.close();
    }
  });

  it('is not there without a registry', async () => {
    const server = await startTestServer(engineStandIn());
    try {
      expect((await server.call('GET', '/metrics')).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
