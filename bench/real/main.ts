// `npm run bench -- --real`: Baton on the real Kafka broker and FerretDB (bench/real/baton-real.ts)
// beside Camunda 7 on PostgreSQL (bench/real/camunda7-real.ts), the same scenarios in the same run.
// Prints the tables, or with `--json` one JSON object and nothing else on stdout (progress and
// every child's logs go to stderr). Exits 1 when an engine failed a scenario or completed nothing.
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import path from 'node:path';
import { loadScenarios } from '../scenarios';
import { runBatonScenario, type BatonRealRun } from './baton-real';
import { runCamunda7Real, type Camunda7RealRun } from './camunda7-real';
import { parseRealBenchOptions } from './options';
import { renderProfileSummary, summarizeProfileFile, type ProfileSummary } from './profile-summary';
import { realOutcomeProblem, type BatonRealOutcome, type RealScenarioReport } from './real-outcome';
import { renderCpuTable, renderDbStatementsTable, renderRealTable } from './real-table';

function profileTitle(label: string, profile: BatonRealRun['profiles'][number]): string {
  // Thread 0 is the replica's main thread; the others are worker threads (tsx's module loader).
  const thread = profile.thread === 0 ? 'main thread' : `worker thread ${profile.thread}`;
  return `CPU profile of ${label}, replica pid ${profile.pid}, ${thread} (${path.basename(profile.file)})`;
}

async function main(): Promise<void> {
  const options = parseRealBenchOptions(process.argv.slice(2));
  // Idempotent: starts Kafka, FerretDB and PostgreSQL unless they run. Its output goes to stderr.
  execFileSync('bash', [path.resolve('infra/up.sh')], { stdio: ['ignore', 2, 'inherit'] });
  process.env['KAFKA_BROKERS'] ??= '127.0.0.1:9092';
  process.env['MONGODB_URI'] ??= 'mongodb://127.0.0.1:27017/';
  const scenarios = loadScenarios().filter((scenario) => options.scenarios.includes(scenario.letter));

  const batonRuns = new Map<string, BatonRealRun | { outcome: BatonRealOutcome; profiles: [] }>();
  if (options.engines.includes('baton')) {
    for (const scenario of scenarios) {
      try {
        batonRuns.set(scenario.letter, await runBatonScenario(scenario, options));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        process.stderr.write(`[bench --real] Baton, scenario ${scenario.letter}: ${message}\n`);
        batonRuns.set(scenario.letter, { outcome: { ok: false, error: message }, profiles: [] });
      }
    }
  }
  const camunda7: Camunda7RealRun | undefined = options.engines.includes('camunda7')
    ? await runCamunda7Real(scenarios, options)
    : undefined;

  const reports: RealScenarioReport[] = scenarios.map((scenario) => {
    const baton = batonRuns.get(scenario.letter)?.outcome;
    const camunda7Outcome = camunda7?.outcomes[scenario.letter];
    return {
      letter: scenario.letter,
      label: scenario.label,
      ...(baton ? { baton } : {}),
      ...(camunda7Outcome ? { camunda7: camunda7Outcome } : {}),
    };
  });
  const profiles = scenarios.flatMap((scenario) =>
    (batonRuns.get(scenario.letter)?.profiles ?? []).map((profile) => ({
      title: profileTitle(scenario.label, profile),
      scenario: scenario.letter,
      ...profile,
      summary: summarizeProfileFile(profile.file),
    })),
  );

  if (options.json) {
    const topOnly = (summary: ProfileSummary) => ({ ...summary, functions: summary.functions.slice(0, 20) });
    const answer = {
      date: new Date().toISOString(),
      cpuCount: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
      nodeVersion: process.version,
      ...(camunda7?.setup ? { camunda7: camunda7.setup } : {}),
      options,
      scenarios: reports,
      profiles: profiles.map(({ summary, ...profile }) => ({ ...profile, summary: topOnly(summary) })),
    };
    process.stdout.write(`${JSON.stringify(answer)}\n`);
  } else {
    const cpuTables = reports.flatMap((report) => [
      ...(report.baton?.ok ? [renderCpuTable(`${report.label} on Baton`, report.baton.cpu)] : []),
      ...(report.baton?.ok && report.baton.dbStatements
        ? [renderDbStatementsTable(`${report.label} on Baton`, report.baton.dbStatements)]
        : []),
      ...(report.camunda7?.ok ? [renderCpuTable(`${report.label} on Camunda 7`, report.camunda7.cpu)] : []),
    ]);
    const sections = [
      renderRealTable(reports, options),
      ...cpuTables,
      ...profiles.map((profile) => renderProfileSummary(profile.summary, profile.title)),
    ];
    process.stdout.write(`${sections.join('\n\n')}\n`);
  }
  const failed = reports.some((report) =>
    [report.baton, report.camunda7].some(
      (outcome) => outcome !== undefined && realOutcomeProblem(outcome) !== undefined,
    ),
  );
  if (failed) process.exitCode = 1;
}

await main();
