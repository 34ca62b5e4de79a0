// The Grafana dashboard queries only series the services declare: a renamed metric fails here, not
// as an empty panel in production.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../../..');
const dashboard = JSON.parse(
  readFileSync(path.join(root, 'k8s/base/monitoring/baton-dashboard.json'), 'utf8'),
) as {
  panels: { title: string; targets: { expr: string }[] }[];
};

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const declared = new Set(
  [
    'libs/platform/src',
    'services/engine/src',
    'services/socket-gateway/src',
    'services/integration-adapter/src',
  ]
    .flatMap((folder) => sourceFiles(path.join(root, folder)))
    .flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/name: '(baton_[a-z_]+)'/g)].map((match) => match[1]!),
    ),
);

describe('k8s/base/monitoring/baton-dashboard.json', () => {
  it('has a panel for each series the issue asks for', () => {
    const expressions = dashboard.panels
      .flatMap((panel) => panel.targets.map((target) => target.expr))
      .join('\n');
    for (const series of [
      'baton_messages_handled_total',
      'baton_engine_commands_applied_total',
      'baton_engine_instances_started_total',
      'baton_engine_instances_ended_total',
      'baton_engine_instances_with_incident_total',
      'baton_job_latency_seconds_bucket',
      'baton_consumer_lag',
      'baton_engine_store_write_seconds_bucket',
      'baton_gateway_socket_clients',
    ])
      expect(expressions).toContain(series);
  });

  it('queries only series the services declare', () => {
    const used = dashboard.panels.flatMap((panel) =>
      panel.targets.flatMap((target) =>
        [...target.expr.matchAll(/\b(baton_[a-z_]+)/g)].map((match) => match[1]!),
      ),
    );
    expect(used.length).toBeGreaterThan(10);
    for (const series of used) expect(declared).toContain(series.replace(/_(bucket|count|sum)$/, ''));
  });
});
