// How many database statements the replicas sent during a measured window: each replica's
// `baton_mongodb_commands_total{command}` (the MongoDB driver's command monitoring, see
// libs/store/src/mongo/mongo-command-monitor.ts) read from its /metrics at both ends of the window,
// summed over the replicas, per command name and per instance completed in the window.

export const mongoCommandsMetric = 'baton_mongodb_commands_total';

/** Commands per name, as counted so far. */
export type CommandCounts = ReadonlyMap<string, number>;

export interface CommandCount {
  readonly command: string;
  /** Commands of this name sent during the window, every replica together. */
  readonly count: number;
  /** `count` over the instances completed in the window; `null` when none completed. */
  readonly perInstance: number | null;
}

export interface DbStatementsReport {
  /** Instances completed in the window: what `perInstance` divides by. */
  readonly instances: number;
  /** Commands sent during the window, every replica and command together. */
  readonly total: number;
  /** `total` over the instances completed in the window; `null` when none completed. */
  readonly perInstance: number | null;
  /** Per command name, most frequent first. */
  readonly byCommand: readonly CommandCount[];
}

const seriesLine = new RegExp(`^${mongoCommandsMetric}\\{([^}]*)\\}\\s+(\\S+)`);
const commandLabel = /(?:^|,)command="((?:[^"\\]|\\.)*)"/;

/** The counter's values per command in a Prometheus text exposition (empty when it has none). */
export function parseCommandCounts(exposition: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of exposition.split('\n')) {
    const series = seriesLine.exec(line);
    const command = series ? commandLabel.exec(series[1]!)?.[1] : undefined;
    const value = Number(series?.[2]);
    if (command !== undefined && Number.isFinite(value))
      counts.set(command, (counts.get(command) ?? 0) + value);
  }
  return counts;
}

/** A replica's counts from its /metrics (unauthenticated, like Prometheus' scrape). */
export async function readCommandCounts(baseUrl: string): Promise<Map<string, number>> {
  const response = await fetch(`${baseUrl}/metrics`);
  if (!response.ok) throw new Error(`GET ${baseUrl}/metrics answered ${response.status}`);
  return parseCommandCounts(await response.text());
}

/** The sum of several replicas' counts. */
export function sumCounts(all: readonly CommandCounts[]): Map<string, number> {
  const sum = new Map<string, number>();
  for (const counts of all)
    for (const [command, count] of counts) sum.set(command, (sum.get(command) ?? 0) + count);
  return sum;
}

/** What was counted between `start` and `end`, per instance completed in the window. */
export function statementsBetween(
  start: CommandCounts,
  end: CommandCounts,
  completedInWindow: number,
): DbStatementsReport {
  const per = (count: number) => (completedInWindow > 0 ? count / completedInWindow : null);
  const byCommand = [...end]
    .map(([command, count]) => ({ command, count: count - (start.get(command) ?? 0) }))
    .filter((entry) => entry.count > 0)
    .sort((a, b) => b.count - a.count || a.command.localeCompare(b.command))
    .map((entry) => ({ ...entry, perInstance: per(entry.count) }));
  const total = byCommand.reduce((sum, entry) => sum + entry.count, 0);
  return { instances: completedInWindow, total, perInstance: per(total), byCommand };
}

/** Every replica's counts now, summed. */
export async function readReplicaCounts(baseUrls: readonly string[]): Promise<Map<string, number>> {
  return sumCounts(await Promise.all(baseUrls.map(readCommandCounts)));
}
