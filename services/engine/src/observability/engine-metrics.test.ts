import type { EngineCommand } from '@baton/contracts';
import type { ApplyResult, InstanceState } from '@baton/engine-core';
import type { ApplyFunction } from '../runtime/command-processor';
import { EngineMetrics } from './engine-metrics';
import { createMetricsRegistry } from '@baton/platform';
import { seriesValue } from '@baton/testing';

/** Just the fields the metrics read. */
const instance = (state: InstanceState['state'], incident = false): InstanceState =>
  ({
    state,
    incidents: incident ? { i1: { state: 'ACTIVE' } } : {},
  }) as unknown as InstanceState;
const command = (type: string): EngineCommand => ({ type }) as unknown as EngineCommand;

describe('EngineMetrics', () => {
  it('counts commands, and instances started, ended and falling into an incident, from what apply returns', async () => {
    const registry = createMetricsRegistry('engine');
    const metrics = new EngineMetrics(registry);
    const results: ApplyResult[] = [
      { state: instance('ACTIVE'), effects: [] },
      { state: instance('ACTIVE', true), effects: [] },
      { state: instance('ACTIVE', true), effects: [] },
      { state: instance('COMPLETED'), effects: [] },
      { state: undefined, effects: [], rejection: { code: 'NOT_FOUND', message: 'none' } },
    ];
    const fake: ApplyFunction = () => results.shift()!;
    const apply = metrics.instrumentApply(fake);
    const ctx = {} as Parameters<ApplyFunction>[2];

    apply(undefined, command('CREATE_INSTANCE'), ctx);
    apply(instance('ACTIVE'), command('FAIL_JOB'), ctx);
    apply(instance('ACTIVE', true), command('SET_VARIABLES'), ctx);
    apply(instance('ACTIVE', true), command('COMPLETE_JOB'), ctx);
    apply(undefined, command('CANCEL_INSTANCE'), ctx);

    expect(await seriesValue(registry, 'baton_engine_instances_started_total')).toBe(1);
    expect(await seriesValue(registry, 'baton_engine_instances_with_incident_total')).toBe(1);
    expect(await seriesValue(registry, 'baton_engine_instances_ended_total', { state: 'COMPLETED' })).toBe(1);
    expect(
      await seriesValue(registry, 'baton_engine_commands_applied_total', {
        type: 'FAIL_JOB',
        outcome: 'applied',
      }),
    ).toBe(1);
    expect(
      await seriesValue(registry, 'baton_engine_commands_applied_total', {
        type: 'CANCEL_INSTANCE',
        outcome: 'rejected',
      }),
    ).toBe(1);
  });

  it('times the store operation it wraps, failures apart, and leaves the others as they are', async () => {
    const registry = createMetricsRegistry('engine');
    const metrics = new EngineMetrics(registry);
    class Store {
      private readonly name = 'instances';
      writeBatch(fail: boolean): Promise<string> {
        return fail ? Promise.reject(new Error('revision conflict')) : Promise.resolve(this.name);
      }
      get(): string {
        return this.name;
      }
    }
    const store = metrics.instrumentStore(new Store(), 'instances', 'writeBatch');

    await expect(store.writeBatch(false)).resolves.toBe('instances');
    await expect(store.writeBatch(true)).rejects.toThrow('revision conflict');
    expect(store.get()).toBe('instances');

    const labels = { store: 'instances', operation: 'writeBatch' };
    expect(
      await seriesValue(registry, 'baton_engine_store_write_seconds_count', { ...labels, outcome: 'ok' }),
    ).toBe(1);
    expect(
      await seriesValue(registry, 'baton_engine_store_write_seconds_count', { ...labels, outcome: 'error' }),
    ).toBe(1);
  });
});
