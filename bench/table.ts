// Renders a benchmark report as a Markdown table (for the terminal and the README): one row per
// engine and scenario, Baton's advantage over each peer beside the peer's row.
import { describeLoad } from './load';
import {
  outcomeProblem,
  type BenchReport,
  type EngineOutcome,
  type PeerRatios,
  type ScenarioReport,
} from './report';

export function formatNumber(value: number, fractionDigits: number): string {
  return value.toLocaleString('en-US', {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  });
}

function cells(outcome: EngineOutcome): string[] {
  if (!outcome.ok) return ['n/a', 'n/a', 'n/a', 'n/a'];
  return [
    formatNumber(outcome.instancesPerSecond, 0),
    formatNumber(outcome.p50Ms, 2),
    formatNumber(outcome.p99Ms, 2),
    formatNumber(outcome.cpuMsPerInstance, 3),
  ];
}

function formatRatio(value: number | undefined): string {
  return value === undefined ? 'n/a' : `${formatNumber(value, 1)}×`;
}

const engines = [
  { name: 'Baton (embedded)', pick: (s: ScenarioReport) => s.baton, ratios: undefined },
  {
    name: 'bpmn-engine',
    pick: (s: ScenarioReport) => s.bpmnEngine,
    ratios: (s: ScenarioReport) => s.ratios.bpmnEngine,
  },
  {
    name: 'Camunda 7',
    pick: (s: ScenarioReport) => s.camunda7,
    ratios: (s: ScenarioReport) => s.ratios.camunda7,
  },
] as const;

function ratioCells(ratios: PeerRatios | undefined): string[] {
  if (ratios === undefined) return ['', ''];
  return [formatRatio(ratios.throughput), formatRatio(ratios.cpuCost)];
}

/** The report as a Markdown table followed by the run's context and notes. */
export function renderTable(report: BenchReport): string {
  const header = [
    '| scenario | engine | inst/s | p50 ms | p99 ms | CPU ms/inst | Baton ÷ this (inst/s) | this ÷ Baton (CPU/inst) |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
  ];
  const rows = report.scenarios.flatMap((scenario) =>
    engines.map(
      (engine) =>
        `| ${[scenario.label, engine.name, ...cells(engine.pick(scenario)), ...ratioCells(engine.ratios?.(scenario))].join(' | ')} |`,
    ),
  );
  const camunda7 = report.camunda7
    ? `Camunda ${report.camunda7.engineVersion} on ${report.camunda7.database}, history ${report.camunda7.history}, Java ${report.camunda7.javaVersion}`
    : 'Camunda 7 did not report its setup';
  const context = [
    '',
    `${report.date}: Node ${report.nodeVersion} on ${report.platform}, ${report.cpuCount} CPU(s) (${report.cpuModel}); bpmn-engine ${report.bpmnEngineVersion}; ${camunda7}.`,
    `N = ${report.instances} instances per scenario on Baton, ${report.peerInstances} on bpmn-engine, ${report.camunda7Instances} on Camunda 7; ` +
      `warm-up first (${report.warmupInstances}, ${report.peerWarmupInstances}, ${report.camunda7WarmupInstances}); load: ${describeLoad(report.load)} on every engine.`,
    ...(report.smoke
      ? ['Smoke run (--smoke): a check that every scenario runs on every engine; the figures mean nothing.']
      : []),
  ];
  const failures = report.scenarios.flatMap((scenario) =>
    engines.flatMap((engine) => {
      const problem = outcomeProblem(engine.pick(scenario));
      return problem === undefined ? [] : [`${scenario.label} on ${engine.name}: ${problem}`];
    }),
  );
  const notes = [...report.notes, ...failures].map((note) => `- ${note}`);
  return [...header, ...rows, ...context, ...(notes.length > 0 ? ['', ...notes] : [])].join('\n');
}
