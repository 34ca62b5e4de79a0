import { Writable } from 'node:stream';
import { InMemoryBus } from '@baton/messaging';
import { seriesValue, waitFor } from '@baton/testing';
import { instrumentBus } from './bus-metrics';
import { createLogger } from './logger';
import { createMetricsRegistry } from './metrics-registry';

/** Log lines written by a pino logger, parsed. */
function capturedLogs(): { lines: Record<string, unknown>[]; stream: Writable } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, stream };
}

const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const job = {
  jobKey: '2251799813685250',
  type: 'http',
  processInstanceKey: '2251799813685249',
  processDefinitionKey: '2251799813685248',
  processDefinitionId: 'order',
  processDefinitionVersion: 1,
  elementId: 'call',
  elementInstanceKey: '2251799813685251',
  customHeaders: {},
  retries: 3,
  deadline: 0,
  variables: {},
  tenantId: '<default>',
};

describe('instrumentBus', () => {
  it('counts handled messages per topic, times jobs to their result, and logs failed batches with the instance and trace', async () => {
    const registry = createMetricsRegistry('test');
    const logs = capturedLogs();
    const logger = createLogger({ service: 'test', replicaId: 'r1', destination: logs.stream });
    let now = 1_000;
    const inner = new InMemoryBus({ partitions: 2, topicPrefix: 'it.', onError: () => {} });
    const bus = instrumentBus(inner, { registry, logger, topicPrefix: 'it.', clock: () => now });

    // A worker: receives the job, answers it 250 ms later.
    const worker = await bus.subscribe({
      topic: 'it.baton.jobs.http.v1',
      groupId: 'workers',
      fromBeginning: true,
      eachBatch: async (batch) => {
        now += 250;
        await bus.produce(
          'it.baton.jobs.results.v1',
          batch.messages.map((message) => ({
            key: message.key,
            value: {
              jobKey: (message.value as typeof job).jobKey,
              processInstanceKey: message.key,
              result: 'COMPLETE',
            },
          })),
        );
      },
    });
    // A consumer whose first batch fails, then succeeds when delivered again.
    let failuresLeft = 1;
    const flaky = await bus.subscribe({
      topic: 'it.baton.engine.commands.v1',
      groupId: 'engine',
      fromBeginning: true,
      eachBatch: () =>
        failuresLeft-- > 0 ? Promise.reject(new Error('store unavailable')) : Promise.resolve(),
    });
    await bus.produce('it.baton.jobs.http.v1', [{ key: job.processInstanceKey, value: job }]);
    await bus.produce('it.baton.engine.commands.v1', [
      {
        key: job.processInstanceKey,
        value: { type: 'CANCEL_INSTANCE', commandId: 'c-1', processInstanceKey: job.processInstanceKey },
        headers: { processInstanceKey: job.processInstanceKey, traceparent },
      },
    ]);

    await waitFor(
      async () =>
        (await seriesValue(registry, 'baton_job_latency_seconds_count', {
          type: 'http',
          result: 'COMPLETE',
        })) === 1 &&
        (await seriesValue(registry, 'baton_messages_handled_total', {
          topic: 'baton.engine.commands.v1',
        })) === 1,
      { timeoutMs: 5000 },
    );
    expect(await seriesValue(registry, 'baton_job_latency_seconds_sum', { type: 'http' })).toBe(0.25);
    expect(
      await seriesValue(registry, 'baton_batches_failed_total', { topic: 'baton.engine.commands.v1' }),
    ).toBe(1);
    expect(
      await seriesValue(registry, 'baton_messages_produced_total', { topic: 'baton.jobs.results.v1' }),
    ).toBe(1);
    expect(await seriesValue(registry, 'baton_messages_handled_total', { topic: 'baton.jobs.http.v1' })).toBe(
      1,
    );
    expect(await registry.metrics()).toContain('process_cpu_seconds_total');
    expect(logs.lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        service: 'test',
        replicaId: 'r1',
        topic: 'baton.engine.commands.v1',
        processInstanceKey: job.processInstanceKey,
        traceparent,
        msg: 'handling a batch failed; it will be delivered again',
      }),
    );
    await worker.close();
    await flaky.close();
    await inner.close();
  });

  it('reports the lag of the groups it consumes in, by partition, until it leaves them', async () => {
    const registry = createMetricsRegistry('test');
    const logger = createLogger({ service: 'test', replicaId: 'r1', destination: capturedLogs().stream });
    const inner = new InMemoryBus({ partitions: 2 });
    const asked: string[] = [];
    const bus = instrumentBus(inner, {
      registry,
      logger,
      consumerLag: (groupId, topic) => {
        asked.push(`${groupId} ${topic}`);
        return Promise.resolve([
          { partition: 0, lag: 7 },
          { partition: 1, lag: 0 },
        ]);
      },
    });
    const subscription = await bus.subscribe({
      topic: 'baton.instance.events.v1',
      groupId: 'gateway-1',
      eachBatch: () => Promise.resolve(),
    });
    const labels = { group: 'gateway-1', topic: 'baton.instance.events.v1' };
    expect(await seriesValue(registry, 'baton_consumer_lag', { ...labels, partition: '0' })).toBe(7);
    expect(await seriesValue(registry, 'baton_consumer_lag', { ...labels, partition: '1' })).toBe(0);
    await subscription.close();
    asked.length = 0;
    expect(await seriesValue(registry, 'baton_consumer_lag')).toBeUndefined();
    expect(asked).toEqual([]);
    await inner.close();
  });

  it('measures transactional subscriptions too: what a batch produces counts once its transaction commits', async () => {
    const registry = createMetricsRegistry('test');
    const logger = createLogger({ service: 'test', replicaId: 'r1', destination: capturedLogs().stream });
    const inner = new InMemoryBus({ partitions: 1, topicPrefix: '', onError: () => {} });
    const bus = instrumentBus(inner, { registry, logger });
    let producedBeforeCommit: number | undefined;
    await bus.subscribeTransactional({
      topic: 'in',
      groupId: 'engine',
      fromBeginning: true,
      eachBatch: async (batch, transaction) => {
        await transaction.produce(
          'out',
          batch.messages.map((message) => ({ key: message.key, value: message.value })),
        );
        producedBeforeCommit = await seriesValue(registry, 'baton_messages_produced_total', { topic: 'out' });
        await transaction.commit();
      },
    });
    await bus.produce('in', [
      { key: 'a', value: 1 },
      { key: 'b', value: 2 },
    ]);
    await waitFor(
      async () => (await seriesValue(registry, 'baton_messages_handled_total', { topic: 'in' })) === 2,
      { description: 'both messages handled' },
    );
    expect(producedBeforeCommit).toBeUndefined();
    expect(await seriesValue(registry, 'baton_messages_produced_total', { topic: 'out' })).toBe(2);
    await inner.close();
  });
});
