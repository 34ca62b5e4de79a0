import { parseCommandCounts, statementsBetween, sumCounts } from './db-statements';
import { renderDbStatementsTable } from './real-table';

// As prom-client writes it: the metric's label, then the registry's default label.
const exposition = `# HELP baton_mongodb_commands_total MongoDB commands this process sent, by command name.
# TYPE baton_mongodb_commands_total counter
baton_mongodb_commands_total{command="find",service="engine"} 120
baton_mongodb_commands_total{command="update",service="engine"} 45
baton_mongodb_commands_total{service="engine",command="getMore"} 3
baton_messages_handled_total{topic="baton.engine.commands.v1",service="engine"} 999
process_cpu_seconds_total{service="engine"} 12.5
`;

describe('parseCommandCounts', () => {
  it('reads the command counter per name, whatever the label order, and nothing else', () => {
    expect(parseCommandCounts(exposition)).toEqual(
      new Map([
        ['find', 120],
        ['update', 45],
        ['getMore', 3],
      ]),
    );
  });

  it('is empty for a replica that sent no command yet', () => {
    expect(parseCommandCounts('# TYPE baton_mongodb_commands_total counter\n').size).toBe(0);
  });
});

describe('statementsBetween', () => {
  it('counts what the window added, per command (most first) and per instance completed', () => {
    const start = new Map([
      ['find', 100],
      ['update', 40],
    ]);
    const end = sumCounts([
      new Map([
        ['find', 110],
        ['update', 60],
      ]),
      new Map([['insert', 5]]),
    ]);
    expect(statementsBetween(start, end, 20)).toEqual({
      instances: 20,
      total: 35,
      perInstance: 1.75,
      byCommand: [
        { command: 'update', count: 20, perInstance: 1 },
        { command: 'find', count: 10, perInstance: 0.5 },
        { command: 'insert', count: 5, perInstance: 0.25 },
      ],
    });
  });

  it('has no per-instance figure when nothing completed', () => {
    expect(statementsBetween(new Map(), new Map([['find', 3]]), 0)).toMatchObject({
      total: 3,
      perInstance: null,
      byCommand: [{ command: 'find', count: 3, perInstance: null }],
    });
  });
});

describe('renderDbStatementsTable', () => {
  it('names the most frequent commands and sums the rest in one row', () => {
    const names = [
      'update',
      'find',
      'insert',
      'delete',
      'getMore',
      'aggregate',
      'findAndModify',
      'count',
      'distinct',
    ];
    const end = new Map(names.map((name, index) => [name, 100 - index]));
    const table = renderDbStatementsTable('start → end on Baton', statementsBetween(new Map(), end, 100));
    expect(table).toContain('864 MongoDB commands, 8.64 per instance completed');
    expect(table).toContain('| update | 100 | 1.000 |');
    expect(table).toContain('| count | 93 | 0.930 |');
    expect(table).toContain('| (1 other command) | 92 | 0.920 |');
    expect(table).not.toContain('| distinct |');
  });
});
