// How many database statements the replicas sent during a measured window: each replica's
// `baton_mongodb_commands_total{command,collection}` (the MongoDB driver's command monitoring, see
// libs/store/src/mongo/mongo-command-monitor.ts) read from its /metrics at both ends of the window,
// summed over the replicas, per command and collection and per instance completed in the window.

export const mongoCommandsMetric = 'baton_mongodb_commands_total';

/** One series of the counter: a command and the collection it addressed. */
export interface CommandSeries {
  readonly command: string;
  /** `''` for a command of the whole database (`listCollections`) or a replica without the label. */
  readonly collection: string;
}

/** Commands per command and collection as counted so far, keyed by {@link seriesKey}. */
export type CommandCounts = ReadonlyMap<string, number>;

// Neither a command name nor a collection name can hold a NUL, so the key splits back unambiguously.
const keySeparator = '\u0000';

/** The key of a series in {@link CommandCounts}. */
export function seriesKey({ command, collection }: CommandSeries): string {
  return `${command}${keySeparator}${collection}`;
}

function seriesOfKey(key: string): CommandSeries {
  const at = key.indexOf(keySeparator);
  return at < 0
    ? { command: key, collection: '' }
    : { command: key.slice(0, at), collection: key.slice(at + keySeparator.length) };
}

export interface CommandCount extends CommandSeries {
  /** Commands of this name on this collection sent during the window, every replica together. */
  readonly count: number;
  /** `count` over the instances completed in the window; `null` when none completed. */
  readonly perInstance: number | null;
}

export interface DbStatementsReport {
  /** Instances completed in the window: what `perInstance` divides by. */
  readonly instances: number;
  /** Commands sent during the window, every replica, command and collection together. */
  readonly total: number;
  /** `total` over the instances completed in the window; `null` when none completed. */
  readonly perInstance: number | null;
  /** Per command and collection, most frequent first. */
  readonly byCommand: readonly CommandCount[];
}

const seriesLine = new RegExp(`^${mongoCommandsMetric}\\{([^}]*)\\}\\s+(\\S+)`);
const label = (name: string) => new RegExp(`(?:^|,)${name}="((?:[^"\\\\]|\\\\.)*)"`);
const commandLabel = label('command');
const collectionLabel = label('collection');

/** The counter's values per command and collection in a Prometheus text exposition (empty when it has none). */
export function parseCommandCounts(exposition: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of exposition.split('\n')) {
    const series = seriesLine.exec(line);
    if (!series) continue;
    const labels = series[1]!;
    const command = commandLabel.exec(labels)?.[1];
    const value = Number(series[2]);
    if (command === undefined || !Number.isFinite(value)) continue;
    const key = seriesKey({ command, collection: collectionLabel.exec(labels)?.[1] ?? '' });
    counts.set(key, (counts.get(key) ?? 0) + value);
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
  for (const counts of all) for (const [key, count] of counts) sum.set(key, (sum.get(key) ?? 0) + count);
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
    .map(([key, count]) => ({ ...seriesOfKey(key), count: count - (start.get(key) ?? 0) }))
    .filter((entry) => entry.count > 0)
    .sort(
      (a, b) =>
        b.count - a.count || a.command.localeCompare(b.command) || a.collection.localeCompare(b.collection),
    )
    .map((entry) => ({ ...entry, perInstance: per(entry.count) }));
  const total = byCommand.reduce((sum, entry) => sum + entry.count, 0);
  return { instances: completedInWindow, total, perInstance: per(total), byCommand };
}

/** Every replica's counts now, summed. */
export async function readReplicaCounts(baseUrls: readonly string[]): Promise<Map<string, number>> {
  return sumCounts(await Promise.all(baseUrls.map(readCommandCounts)));
}
