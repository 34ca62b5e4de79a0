// One Prometheus registry per service process: Node's default metrics (CPU, memory, event-loop
// lag, GC) and the MongoDB commands the process sent, plus the service's own series, every one
// labelled with the service's name.
import { collectDefaultMetrics, Registry } from 'prom-client';
import { registerMongoCommandMetrics } from './mongo-command-metrics';

/** A registry with the default process metrics, labelled `service=<name>`. */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  // Here rather than in the engine's wiring: its stores are connected before its registry exists,
  // and a service without MongoDB shows no series.
  registerMongoCommandMetrics(registry);
  return registry;
}
