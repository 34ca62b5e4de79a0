// Reading a registry's series in tests by name and labels, not by the text format's label order.
import type { Registry } from 'prom-client';

/**
 * The value of the series `name` (for a histogram: `<name>_count`, `<name>_sum`) whose labels
 * include `labels`; undefined when there is none.
 */
export async function seriesValue(
  registry: Registry,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): Promise<number | undefined> {
  for (const metric of await registry.getMetricsAsJSON()) {
    for (const value of metric.values) {
      const seriesName = (value as { metricName?: string }).metricName ?? metric.name;
      if (seriesName !== name) continue;
      const matches = Object.entries(labels).every(
        ([label, wanted]) => String(value.labels[label]) === wanted,
      );
      if (matches) return value.value;
    }
  }
  return undefined;
}
