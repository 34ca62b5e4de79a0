// Renders a benchmark report as a Markdown table (for the terminal and the README).
import type { BenchReport, EngineOutcome } from './report';

function formatNumber(value: number, fractionDigits: number): string {
  return value.toLocaleString('en-US', {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  });
}

function cells(outcome: EngineOutcome): [string, string, string, string] {
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

/** The report as a Markdown table followed by the run's context and notes. */
export function renderTable(report: BenchReport): string {
  const header = [
    '| scenario | Baton inst/s | Baton p50 ms | Baton p99 ms | Baton CPU ms/inst | bpmn-engine inst/s | bpmn-engine p50 ms | bpmn-engine p99 ms | bpmn-engine CPU ms/inst | ratio Baton/bpmn-engine (inst/s) | ratio (CPU per instance) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const rows = report.scenarios.map((scenario) => {
    const columns = [
      scenario.label,
      ...cells(scenario.baton),
      ...cells(scenario.bpmnEngine),
      formatRatio(scenario.throughputRatio),
      formatRatio(scenario.cpuCostRatio),
    ];
    return `| ${columns.join(' | ')} |`;
  });
  const context = [
    '',
    `Node ${report.nodeVersion} on ${report.platform}, ${report.cpuCount} CPU(s) (${report.cpuModel}); bpmn-engine ${report.bpmnEngineVersion}.`,
    `N = ${report.instances} instances per scenario on Baton, ${report.peerInstances} on bpmn-engine; ` +
      `warm-up first (${report.warmupInstances} on Baton, ${report.peerWarmupInstances} on bpmn-engine); ${report.concurrency} instances in flight on both.`,
  ];
  const failures = report.scenarios.flatMap((scenario) =>
    (
      [
        ['Baton', scenario.baton],
        ['bpmn-engine', scenario.bpmnEngine],
      ] as const
    ).flatMap(([engine, outcome]) => {
      if (!outcome.ok) return [`${scenario.label} on ${engine}: ${outcome.error}`];
      if (outcome.wrongResults > 0)
        return [
          `${scenario.label} on ${engine}: ${outcome.wrongResults} wrong results, first: ${outcome.firstWrongResult ?? ''}`,
        ];
      return [];
    }),
  );
  const notes = [...report.notes, ...failures].map((note) => `- ${note}`);
  return [...header, ...rows, ...context, ...(notes.length > 0 ? ['', ...notes] : [])].join('\n');
}
