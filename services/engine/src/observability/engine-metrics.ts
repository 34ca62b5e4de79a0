// The engine's own series: commands applied and the instance lifecycle, read from what the pure
// core's apply returns (no change to the command processor), and the latency of store writes,
// taken by wrapping the store's method.
import { hasOpenIncident } from '@baton/engine-core';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { ApplyFunction } from '../runtime/command-processor';

export class EngineMetrics {
  private readonly commands: Counter<'type' | 'outcome'>;
  private readonly started: Counter;
  private readonly ended: Counter<'state'>;
  private readonly incidents: Counter;
  private readonly storeSeconds: Histogram<'store' | 'operation' | 'outcome'>;

  constructor(registry: Registry) {
    this.commands = new Counter({
      name: 'baton_engine_commands_applied_total',
      help: 'Commands applied to instances by this replica, by command type and outcome (applied, rejected). A batch written again after a failed write counts again.',
      labelNames: ['type', 'outcome'],
      registers: [registry],
    });
    this.started = new Counter({
      name: 'baton_engine_instances_started_total',
      help: 'Process instances created by this replica.',
      registers: [registry],
    });
    this.ended = new Counter({
      name: 'baton_engine_instances_ended_total',
      help: 'Process instances that ended on this replica, by final state (COMPLETED, TERMINATED).',
      labelNames: ['state'],
      registers: [registry],
    });
    this.incidents = new Counter({
      name: 'baton_engine_instances_with_incident_total',
      help: 'Times an instance without an open incident got one, on this replica.',
      registers: [registry],
    });
    this.storeSeconds = new Histogram({
      name: 'baton_engine_store_write_seconds',
      help: 'Time of a write to the store, by store, operation and outcome.',
      labelNames: ['store', 'operation', 'outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
  }

  /** `apply`, counting what each call did to its instance. */
  instrumentApply(apply: ApplyFunction): ApplyFunction {
    return (state, command, ctx) => {
      const result = apply(state, command, ctx);
      this.commands.inc({ type: command.type, outcome: result.rejection ? 'rejected' : 'applied' });
      const after = result.state;
      if (result.rejection || after === undefined) return result;
      if (state === undefined) this.started.inc();
      if ((state === undefined || state.state === 'ACTIVE') && after.state !== 'ACTIVE')
        this.ended.inc({ state: after.state });
      if (hasOpenIncident(after) && (state === undefined || !hasOpenIncident(state))) this.incidents.inc();
      return result;
    };
  }

  /**
   * The store with `operation` timed; every other property is the store's own.
   * @param store name for the `store` label, e.g. `instances`
   */
  instrumentStore<T extends object>(target: T, store: string, operation: keyof T & string): T {
    const histogram = this.storeSeconds;
    return new Proxy(target, {
      get(object, property, receiver) {
        const value: unknown = Reflect.get(object, property, receiver);
        if (typeof value !== 'function') return value;
        const method = (value as (...args: unknown[]) => unknown).bind(object);
        if (property !== operation) return method;
        return async (...args: unknown[]) => {
          const stop = histogram.startTimer({ store, operation });
          try {
            const answer = await method(...args);
            stop({ outcome: 'ok' });
            return answer;
          } catch (error) {
            stop({ outcome: 'error' });
            throw error;
          }
        };
      },
    });
  }
}
