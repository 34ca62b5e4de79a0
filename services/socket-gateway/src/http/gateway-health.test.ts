import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMetricsRegistry } from '@baton/platform';
import { registerGatewayMetrics } from '../gateway-metrics';
import { createGatewayHttpHandler } from './gateway-http-handler';

describe('the gateway health endpoints', () => {
  let kafkaAnswers = true;
  let server: Server;
  let baseUrl: string;
  const stats = { replicaId: 'g1', connectedClients: 2, updatesReceived: 5, slowClientOverflows: 0 };
  beforeAll(async () => {
    const metricsRegistry = createMetricsRegistry('socket-gateway');
    registerGatewayMetrics(metricsRegistry, () => stats);
    const handler = createGatewayHttpHandler({
      metricsRegistry,
      engineProxy: (_req, res) => {
        res.writeHead(502);
        res.end();
      },
      console: undefined,
      authMode: 'jwt',
      health: () => ({ status: 'UP' }),
      readinessChecks: {
        kafka: () =>
          kafkaAnswers
            ? Promise.resolve()
            : Promise.reject(new Error('Connection error: connect ECONNREFUSED 10.0.0.9:9092')),
      },
    });
    server = createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers live, and ready only while Kafka answers', async () => {
    const live = await fetch(`${baseUrl}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'UP', checks: {} });

    kafkaAnswers = true;
    const ready = await fetch(`${baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'UP', checks: { kafka: { status: 'UP' } } });

    kafkaAnswers = false;
    const notReady = await fetch(`${baseUrl}/health/ready`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({
      status: 'DOWN',
      checks: { kafka: { status: 'DOWN', error: 'Connection error: connect ECONNREFUSED 10.0.0.9:9092' } },
    });
  });

  it('serves the socket series on /metrics, read at each scrape', async () => {
    const first = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(first).toContain('baton_gateway_socket_clients{service="socket-gateway"} 2');
    expect(first).toContain('baton_gateway_updates_received_total{service="socket-gateway"} 5');
    stats.connectedClients = 0;
    stats.updatesReceived = 8;
    const second = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(second).toContain('baton_gateway_socket_clients{service="socket-gateway"} 0');
    expect(second).toContain('baton_gateway_updates_received_total{service="socket-gateway"} 8');
  });

  it('keeps answering /health as before', async () => {
    const response = await fetch(`${baseUrl}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'UP' });
  });
});
