import { BatonError } from '@baton/contracts';
import { InMemoryBus } from '@baton/messaging';
import type { ActivatedJob, EngineService } from '../engine-service';
import { engineStandIn } from '../../test/support/test-support';
import { createLogger, createMetricsRegistry, instrumentBus } from '@baton/platform';
import { instrumentJobApi } from './job-latency';
import { captureLogs, seriesValue } from '@baton/testing';

const activated = (jobKey: string, type: string): ActivatedJob =>
  ({ job: { jobKey, type }, worker: 'w', deadline: 0, variables: {} }) as unknown as ActivatedJob;

describe('instrumentJobApi', () => {
  it('times REST jobs from their activation to the first answer the engine accepts, by type and result', async () => {
    const registry = createMetricsRegistry('engine');
    let now = 10_000;
    const answered: string[] = [];
    const engine: EngineService = engineStandIn({
      activateJobs: (request) =>
        Promise.resolve(
          request.type === 'mail'
            ? [activated('1', 'mail'), activated('2', 'mail')]
            : [activated('3', 'pdf')],
        ),
      completeJob: (jobKey) =>
        jobKey === 'refused'
          ? Promise.reject(new BatonError('NOT_FOUND', 'no such job'))
          : Promise.resolve(void answered.push(`complete ${jobKey}`)),
      failJob: (jobKey) => Promise.resolve(void answered.push(`fail ${jobKey}`)),
      throwJobError: (jobKey) => Promise.resolve(void answered.push(`error ${jobKey}`)),
      getInstance: () => Promise.resolve(undefined),
    });
    const timed = instrumentJobApi(engine, { registry, clock: () => now });
    const request = { worker: 'w', timeoutMs: 1000, maxJobsToActivate: 5 };

    await timed.activateJobs({ ...request, type: 'mail' });
    await timed.activateJobs({ ...request, type: 'pdf' });
    now += 1500;
    await timed.completeJob('1', {});
    await timed.completeJob('1', {}); // answered again (e.g. a retry of the call): counted once
    now += 500;
    await timed.failJob('2', { retries: 2 });
    await timed.throwJobError('3', { errorCode: 'NO_PAPER' });
    await expect(timed.completeJob('refused')).rejects.toThrow('no such job');
    await timed.completeJob('never-activated-here');

    expect(answered).toEqual([
      'complete 1',
      'complete 1',
      'fail 2',
      'error 3',
      'complete never-activated-here',
    ]);
    const count = (labels: Record<string, string>) =>
      seriesValue(registry, 'baton_job_latency_seconds_count', labels);
    expect(await count({ type: 'mail', result: 'COMPLETE' })).toBe(1);
    expect(
      await seriesValue(registry, 'baton_job_latency_seconds_sum', { type: 'mail', result: 'COMPLETE' }),
    ).toBe(1.5);
    expect(
      await seriesValue(registry, 'baton_job_latency_seconds_sum', { type: 'mail', result: 'FAIL' }),
    ).toBe(2);
    expect(await count({ type: 'pdf', result: 'ERROR' })).toBe(1);
    // The other operations are the engine's own.
    await expect(timed.getInstance('1')).resolves.toBeUndefined();
  });

  it('shares the histogram with the bus instrumentation of the same registry', () => {
    const registry = createMetricsRegistry('engine');
    const bus = new InMemoryBus({ partitions: 1 });
    expect(() => {
      instrumentJobApi(engineStandIn(), { registry });
      instrumentBus(bus, {
        registry,
        logger: createLogger({ service: 't', destination: captureLogs().stream }),
      });
    }).not.toThrow();
    expect(
      registry.getMetricsAsArray().filter((metric) => metric.name === 'baton_job_latency_seconds'),
    ).toHaveLength(1);
    void bus.close();
  });
});
