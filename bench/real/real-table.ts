// The Markdown tables of the real-infrastructure benchmark: Baton and Camunda 7 side by side per
// scenario, then where each one's CPU went and which database commands Baton's replicas sent, on
// which collections, with the run's settings under them.
import { cpus } from 'node:os';
import { describeLoad } from '../load';
import { replicaProcessPrefix } from './baton-real';
import { camunda7JvmName, postgresName } from './camunda7-real';
import type { CpuWindowReport } from './cpu-window';
import type { DbStatementsReport } from './db-statements';
import type { RealBenchOptions } from './options';
import { cpuMsPerInstance, realOutcomeProblem, type RealScenarioReport } from './real-outcome';

const fixed = (value: number | null, digits = 1) =>
  value !== null && Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
const whole = (value: number) => Math.round(value).toLocaleString('en-US');

function batonRow(scenario: RealScenarioReport): string | undefined {
  const o = scenario.baton;
  if (!o) return undefined;
  if (!o.ok)
    return `| ${scenario.label} | Baton (Kafka + FerretDB) | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a | failed |`;
  const per = (prefix: string) => fixed(cpuMsPerInstance(o.cpu, prefix, o.completedInWindow));
  return `| ${scenario.label} | Baton (Kafka + FerretDB) | ${whole(o.completedPerSecond)} | ${fixed(o.completeP50Ms)} / ${fixed(o.completeP99Ms)} | ${fixed(o.createP50Ms)} / ${fixed(o.createP99Ms)} | ${per(replicaProcessPrefix)} | ${per('FerretDB')} | ${per('Kafka')} | ${fixed(o.dbStatements?.perInstance ?? null, 2)} | ${o.completed}/${o.created} | ${o.errors} |`;
}

function camunda7Row(scenario: RealScenarioReport): string | undefined {
  const o = scenario.camunda7;
  if (!o) return undefined;
  if (!o.ok)
    return `| ${scenario.label} | Camunda 7 (PostgreSQL) | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a | failed |`;
  const per = (prefix: string) => fixed(cpuMsPerInstance(o.cpu, prefix, o.completedInWindow));
  return `| ${scenario.label} | Camunda 7 (PostgreSQL) | ${whole(o.completedPerSecond)} | ${fixed(o.completeP50Ms)} / ${fixed(o.completeP99Ms)} | (in the start call) | ${per(camunda7JvmName)} | ${per(postgresName)} | – | – | ${o.completed}/${o.created} | ${o.wrongResults} wrong |`;
}

export function renderRealTable(scenarios: readonly RealScenarioReport[], options: RealBenchOptions): string {
  const rows = scenarios.flatMap((scenario) =>
    [batonRow(scenario), camunda7Row(scenario)].filter((row) => row !== undefined),
  );
  const problems = scenarios.flatMap((scenario) =>
    (
      [
        ['Baton', scenario.baton],
        ['Camunda 7', scenario.camunda7],
      ] as const
    ).flatMap(([engine, outcome]) => {
      const problem = outcome ? realOutcomeProblem(outcome) : undefined;
      return problem === undefined ? [] : [`- ${scenario.label} on ${engine}: ${problem}`];
    }),
  );
  const createErrors = scenarios.flatMap((scenario) =>
    scenario.baton?.ok && scenario.baton.errors > 0
      ? [
          `- ${scenario.label} on Baton: ${scenario.baton.errors} create requests failed, first: ${scenario.baton.firstError ?? ''}`,
        ]
      : [],
  );
  return [
    '| Scenario | Engine | Completed inst/s | Start→complete p50 / p99 ms | Create p50 / p99 ms | Engine CPU ms/inst | Database CPU ms/inst | Broker CPU ms/inst | DB statements/inst | Completed/created | Errors |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    `${new Date().toISOString()}, ${cpus().length} CPU cores (${cpus()[0]?.model.trim() ?? 'unknown'}) shared by every process of the run.`,
    `Sustained ${options.durationSeconds} s after ${options.warmupSeconds} s of warm-up per scenario and engine; load: ${describeLoad(options.load)}` +
      (options.load.kind === 'closed'
        ? `, Baton's driver with at most ${options.concurrency} create requests in flight over HTTP.`
        : '.'),
    `Baton: ${options.replicas} engine replica process(es) on Kafka + FerretDB; this driver creates over REST, works the jobs as a Kafka worker and sees completions on the instance-events topic.`,
    `Camunda 7: one JVM (engine with job executor, history ${options.camunda7History}, 2 fetchAndLock/complete loops per topic, the load driver) on PostgreSQL; an instance counts as complete when the transaction holding its end commits.`,
    "CPU ms/inst: the process CPU in the measured window over the instances completed in it (Baton's replicas; the JVM; FerretDB; PostgreSQL with every backend; Kafka).",
    "DB statements/inst: the MongoDB commands Baton's replicas sent in the same window (their baton_mongodb_commands_total; a bulk write is one command per round trip) over the same instances; not measured on Camunda 7.",
    'For scale: Zeebe publishes about 1,300 instances/s for start → service task → end on one broker with 8 partitions on larger cloud machines;',
    'no Zeebe broker can run on this machine (no container engine, and its licence is not open source), so it is not measured in the same run.',
    ...(options.smoke
      ? ['Smoke run (--smoke): a check that every scenario runs on both engines; the figures mean nothing.']
      : []),
    ...(problems.length + createErrors.length > 0 ? ['', ...problems, ...createErrors] : []),
  ].join('\n');
}

/** Where the CPU went during one scenario's measured window on one engine, process by process. */
export function renderCpuTable(title: string, cpu: CpuWindowReport): string {
  const { wallSeconds, machineCores, processes } = cpu;
  const rows = processes.map((entry) =>
    entry.cpuSeconds === null || entry.cores === null || entry.shareOfMachine === null
      ? `| ${entry.process} | n/a | n/a |`
      : `| ${entry.process} | ${fixed(entry.cpuSeconds, 2)} | ${fixed(entry.cores, 2)} cores (${Math.round(100 * entry.shareOfMachine)} %) |`,
  );
  return [
    `CPU during the measured window of ${title}: ${fixed(wallSeconds)} s wall time × ${machineCores} cores`,
    '',
    '| Process | CPU s in window | Cores in use (share of the machine) |',
    '|---|---:|---:|',
    ...rows,
  ].join('\n');
}

/**
 * Shown by name in the breakdown; the rest are summed in one row. A command on each collection is a
 * row of its own, so the top rows reach further than the eight command names they once were.
 */
const topCommands = 12;

/** Which MongoDB commands Baton's replicas sent, on which collections, during one scenario's measured window. */
export function renderDbStatementsTable(title: string, statements: DbStatementsReport): string {
  const shown = statements.byCommand.slice(0, topCommands);
  const others = statements.byCommand.slice(topCommands);
  const othersCount = others.reduce((sum, entry) => sum + entry.count, 0);
  const row = (what: string, count: number, perInstance: number | null) =>
    `| ${what} | ${whole(count)} | ${fixed(perInstance, 3)} |`;
  return [
    `Database statements during the measured window of ${title}: ${whole(statements.total)} MongoDB commands, ${fixed(statements.perInstance, 2)} per instance completed`,
    '',
    '| Command and collection | Commands in window | Per instance |',
    '|---|---:|---:|',
    ...shown.map((entry) =>
      row(`${entry.command} ${entry.collection}`.trimEnd(), entry.count, entry.perInstance),
    ),
    ...(others.length > 0
      ? [
          row(
            `(${others.length} other${others.length === 1 ? '' : 's'})`,
            othersCount,
            statements.instances > 0 ? othersCount / statements.instances : null,
          ),
        ]
      : []),
  ].join('\n');
}
