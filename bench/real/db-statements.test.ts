import { parseCommandCounts, seriesKey, statementsBetween, sumCounts } from './db-statements';
import { renderDbStatementsTable } from './real-table';

// As prom-client writes it: the metric's labels, then the registry's default label.
const exposition = `# HELP baton_mongodb_commands_total MongoDB commands this process sent, by command name and collection.
# TYPE baton_mongodb_commands_total counter
baton_mongodb_commands_total{command="find",collection="instances",service="engine"} 120
baton_mongodb_commands_total{command="find",collection="definitions",service="engine"} 7
baton_mongodb_commands_total{command="update",collection="instances",service="engine"} 45
baton_mongodb_commands_total{service="engine",collection="instances",command="getMore"} 3
baton_mongodb_commands_total{command="listCollections",collection="",service="engine"} 1
baton_messages_handled_total{topic="baton.engine.commands.v1",service="engine"} 999
process_cpu_seconds_total{service="engine"} 12.5
`;

/** Counts keyed as the bench keys them, from `[command, collection, count]`. */
const counts = (...entries: readonly (readonly [string, string, number])[]) =>
  new Map(entries.map(([command, collection, count]) => [seriesKey({ command, collection }), count]));

describe('parseCommandCounts', () => {
  it('reads the command counter per command and collection, whatever the label order, and nothing else', () => {
    expect(parseCommandCounts(exposition)).toEqual(
      counts(
        ['find', 'instances', 120],
        ['find', 'definitions', 7],
        ['update', 'instances', 45],
        ['getMore', 'instances', 3],
        ['listCollections', '', 1],
      ),
    );
  });

  it('counts a series without a collection label (a replica of before the label) under an empty collection', () => {
    const older = 'baton_mongodb_commands_total{command="find",service="engine"} 12\n';
    expect(parseCommandCounts(older)).toEqual(counts(['find', '', 12]));
  });

  it('is empty for a replica that sent no command yet', () => {
    expect(parseCommandCounts('# TYPE baton_mongodb_commands_total counter\n').size).toBe(0);
  });
});

describe('statementsBetween', () => {
  it('counts what the window added, per command and collection (most first) and per instance completed', () => {
    const start = counts(['find', 'instances', 100], ['update', 'instances', 40], ['find', 'definitions', 1]);
    const end = sumCounts([
      counts(['find', 'instances', 110], ['update', 'instances', 60], ['find', 'definitions', 6]),
      counts(['insert', 'instanceClaims', 5], ['find', 'definitions', 4]),
    ]);
    expect(statementsBetween(start, end, 20)).toEqual({
      instances: 20,
      total: 44,
      perInstance: 2.2,
      byCommand: [
        { command: 'update', collection: 'instances', count: 20, perInstance: 1 },
        { command: 'find', collection: 'instances', count: 10, perInstance: 0.5 },
        { command: 'find', collection: 'definitions', count: 9, perInstance: 0.45 },
        { command: 'insert', collection: 'instanceClaims', count: 5, perInstance: 0.25 },
      ],
    });
  });

  it('orders equal counts by command, then collection', () => {
    const end = counts(['find', 'jobs', 2], ['delete', 'timers', 2], ['find', 'definitions', 2]);
    expect(statementsBetween(new Map(), end, 1).byCommand.map((entry) => seriesKey(entry))).toEqual([
      seriesKey({ command: 'delete', collection: 'timers' }),
      seriesKey({ command: 'find', collection: 'definitions' }),
      seriesKey({ command: 'find', collection: 'jobs' }),
    ]);
  });

  it('has no per-instance figure when nothing completed', () => {
    expect(statementsBetween(new Map(), counts(['find', 'instances', 3]), 0)).toMatchObject({
      total: 3,
      perInstance: null,
      byCommand: [{ command: 'find', collection: 'instances', count: 3, perInstance: null }],
    });
  });
});

describe('renderDbStatementsTable', () => {
  it('names the most frequent commands on their collections and sums the rest in one row', () => {
    const series = [
      ['update', 'instances'],
      ['find', 'instances'],
      ['find', 'definitions'],
      ['insert', 'instanceClaims'],
      ['delete', 'instanceClaims'],
      ['getMore', 'instances'],
      ['aggregate', 'jobs'],
      ['findAndModify', 'jobLocks'],
      ['update', 'jobs'],
      ['insert', 'jobs'],
      ['delete', 'jobs'],
      ['listCollections', ''],
      ['count', 'timers'],
      ['distinct', 'timers'],
    ] as const;
    const end = counts(
      ...series.map(([command, collection], index) => [command, collection, 100 - index] as const),
    );
    const table = renderDbStatementsTable('start → end on Baton', statementsBetween(new Map(), end, 100));
    expect(table).toContain('1,309 MongoDB commands, 13.09 per instance completed');
    expect(table).toContain('| update instances | 100 | 1.000 |');
    expect(table).toContain('| find definitions | 98 | 0.980 |');
    // A command of the whole database is shown by its name alone.
    expect(table).toContain('| listCollections | 89 | 0.890 |');
    expect(table).toContain('| (2 others) | 175 | 1.750 |');
    expect(table).not.toContain('| count timers |');
  });
});
