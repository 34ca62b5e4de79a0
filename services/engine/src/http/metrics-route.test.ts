import { Counter } from 'prom-client';
import { activateJobsResponseSchema } from '@baton/contracts';
import { seriesValue, uniqueName } from '@baton/testing';
import { createEngineRuntime } from '../engine-runtime';
import { createMetricsRegistry } from '@baton/platform';
import { serviceTaskBpmn } from '../../test/fixtures/bpmn-fixtures';
import { deployThroughApi, engineStandIn, startTestServer } from '../../test/support/test-support';

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

  it('times jobs activated and completed over REST in baton_job_latency_seconds', async () => {
    const registry = createMetricsRegistry('engine');
    const engine = await createEngineRuntime();
    const server = await startTestServer(engine, { metricsRegistry: registry });
    try {
      const processId = uniqueName('proc');
      const jobType = uniqueName('job');
      await deployThroughApi(server, [{ name: 'p.bpmn', content: serviceTaskBpmn(processId, jobType) }]);
      expect(
        (await server.call('POST', '/v2/process-instances', { processDefinitionId: processId })).status,
      ).toBe(200);
      const activation = await server.call('POST', '/v2/jobs/activation', {
        type: jobType,
        worker: 'metrics-test',
        timeout: 30_000,
        maxJobsToActivate: 1,
        requestTimeout: 5000,
      });
      const [job] = activateJobsResponseSchema.parse(activation.body).jobs;
      expect((await server.call('POST', `/v2/jobs/${job!.jobKey}/completion`, {})).status).toBe(204);

      const text = await (await fetch(`${server.baseUrl}/metrics`)).text();
      expect(text).toContain(
        `baton_job_latency_seconds_count{service="engine",type="${jobType}",result="COMPLETE"} 1`,
      );
      expect(await seriesValue(registry, 'baton_job_latency_seconds_sum', { type: jobType })).toBeGreaterThan(
        0,
      );
    } finally {
      await server.close();
      await engine.close();
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
