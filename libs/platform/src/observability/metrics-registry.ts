// One Prometheus registry per service process: Node's default metrics (CPU, memory, event-loop
// lag, GC) plus the service's own series, every one labelled with the service's name.
import { collectDefaultMetrics, Registry } from 'prom-client';

/** A registry with the default process metrics, labelled `service=<name>`. */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}
