// `npm run bench -- --real`: Baton on the real Kafka broker and FerretDB, as in production. Engine
// replicas run as processes of their own (REST API + command processor on Kafka + MongoDB);
// this process drives them over HTTP with up to `concurrency` create requests and `inFlight`
// unfinished instances at once, works the jobs as a Kafka worker, and observes completions on
// `baton.instance.events.v1`. Measured: instances created and completed per second,
// create-request latency, start→complete latency, sustained for `--duration` seconds after a
// warm-up; and the CPU each process used in that window (plus, with --cpu-prof-dir, where the
// replicas spent it).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { InstanceEvent } from '@baton/engine-core';
import { topicName, topics } from '@baton/topics';
import {
  startKafkaTestWorker,
  type KafkaTestWorker,
} from '../../services/engine/src/testing/kafka-test-worker';
import { startReplicaProcess, type ReplicaProcess } from '../../services/engine/src/testing/replica-process';
import { connectTestBus, realTestSettings } from '../../services/engine/src/testing/test-runtime';
import { loadScenarios, type Scenario } from '../scenarios';
import { percentile } from '../stats';
import { CompletionTracker } from './completion-tracker';
import {
  currentProcess,
  processById,
  processByPidFile,
  startCpuWindow,
  wholeMachine,
  withRestOfMachine,
  type CpuWindowReport,
  type WatchedProcess,
} from './cpu-window';
import { parseRealBenchOptions, type RealBenchOptions } from './options';
import { renderProfileSummary, summarizeProfileFile, type ProfileSummary } from './profile-summary';
import { renderCpuTable, renderRealTable, type RealScenarioOutcome } from './real-table';

function log(message: string): void {
  process.stderr.write(`[bench --real] ${message}\n`);
}

async function deploy(replica: ReplicaProcess, scenario: Scenario): Promise<void> {
  const form = new FormData();
  form.append(
    'resources',
    new Blob([scenario.bpmnXml], { type: 'application/xml' }),
    `${scenario.processId}.bpmn`,
  );
  const response = await fetch(`${replica.baseUrl}/v2/deployments`, {
    method: 'POST',
    headers: replica.authHeaders,
    body: form,
  });
  if (!response.ok) throw new Error(`deployment failed: ${response.status} ${await response.text()}`);
}

/** Resolves at `time` (a performance.now() value), at once if it has passed. */
function at(time: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, time - performance.now())));
}

const wholeMachineName = 'whole machine (every process)';

/** The processes whose CPU the benchmark reports: the infrastructure (pid files of infra/up.sh), the replicas, this driver. */
function watchedProcesses(replicas: readonly ReplicaProcess[]): WatchedProcess[] {
  return [
    processByPidFile('FerretDB', path.resolve('.infra/run/ferretdb.pid')),
    processByPidFile('Kafka (java)', path.resolve('.infra/run/kafka.pid')),
    ...replicas.map((replica) => processById(`engine replica ${replica.replicaId}`, replica.child.pid!)),
    currentProcess('bench driver (HTTP client, Kafka worker, observer)'),
    wholeMachine(wholeMachineName),
  ];
}

/** The .cpuprofile files `node --cpu-prof` wrote for these pids (named CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile). */
function profilesOf(
  directory: string,
  pids: readonly number[],
): { file: string; pid: number; thread: number }[] {
  return readdirSync(directory).flatMap((name) => {
    const match = /^CPU\.\d+\.\d+\.(\d+)\.(\d+)\.\d+\.cpuprofile$/.exec(name);
    if (!match || !pids.includes(Number(match[1]))) return [];
    return [{ file: path.join(directory, name), pid: Number(match[1]), thread: Number(match[2]) }];
  });
}

interface ScenarioRun {
  readonly outcome: RealScenarioOutcome;
  readonly profiles: readonly { file: string; pid: number; thread: number }[];
}

async function runScenario(scenario: Scenario, options: RealBenchOptions): Promise<ScenarioRun> {
  const settings = realTestSettings(`bench-${scenario.letter}`);
  const jobTypes = Object.keys(scenario.jobHandlers);
  const nodeArgs = options.cpuProfileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(options.cpuProfileDir)}`]
    : [];
  if (options.cpuProfileDir) mkdirSync(options.cpuProfileDir, { recursive: true });
  const replicas: ReplicaProcess[] = [];
  for (let index = 0; index < options.replicas; index++) {
    replicas.push(
      await startReplicaProcess(
        settings,
        `bench-${scenario.letter}-${index}`,
        { KAFKA_JOB_TYPES: jobTypes.join(',') },
        nodeArgs,
      ),
    );
  }
  const replicaPids = replicas.map((replica) => replica.child.pid!);
  const bus = await connectTestBus(settings, 'bench-driver');
  const workers: KafkaTestWorker[] = [];
  let outcome: RealScenarioOutcome;
  try {
    await deploy(replicas[0]!, scenario);
    for (const [type, handler] of Object.entries(scenario.jobHandlers)) {
      workers.push(
        await startKafkaTestWorker(bus, {
          topicPrefix: settings.topicPrefix,
          type,
          handle: (job) => ({ result: 'COMPLETE', variables: handler(job.variables) }),
        }),
      );
    }
    const completions = new CompletionTracker();
    await bus.subscribe({
      topic: topicName(topics.instanceEvents, settings.topicPrefix),
      groupId: 'bench-observer',
      fromBeginning: true,
      eachBatch: (batch) => {
        const now = performance.now();
        for (const message of batch.messages) {
          const event = message.value as InstanceEvent;
          if (event.state === 'COMPLETED') completions.recordCompleted(event.processInstanceKey, now);
        }
        return Promise.resolve();
      },
    });

    const startedAt = new Map<string, number>();
    const createLatencies: number[] = [];
    const measured: string[] = [];
    let errors = 0;
    const warmupEnd = performance.now() + options.warmupSeconds * 1000;
    const measureEnd = warmupEnd + options.durationSeconds * 1000;
    const cpuInWindow: Promise<CpuWindowReport> = at(warmupEnd)
      .then(() => startCpuWindow(watchedProcesses(replicas)))
      .then(async (window) => {
        await at(measureEnd);
        return withRestOfMachine(
          window.finish(),
          wholeMachineName,
          'rest of the machine (other processes, kernel)',
        );
      });
    let next = 0;
    // Create requests sent and not failed: instances created, or about to be.
    let launched = 0;
    const tooManyInFlight = () => launched - completions.completedCount >= options.inFlight;
    const loop = async (): Promise<void> => {
      while (performance.now() < measureEnd) {
        if (tooManyInFlight()) {
          await completions.waitUntil(() => !tooManyInFlight(), measureEnd);
          continue;
        }
        launched++;
        const replica = replicas[next++ % replicas.length]!;
        const started = performance.now();
        try {
          const response = await fetch(`${replica.baseUrl}/v2/process-instances`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...replica.authHeaders },
            body: JSON.stringify({
              processDefinitionId: scenario.processId,
              variables: scenario.variablesFor(next),
            }),
          });
          const body = (await response.json()) as { processInstanceKey?: string };
          if (!response.ok || !body.processInstanceKey) throw new Error(`create answered ${response.status}`);
          if (started >= warmupEnd) {
            createLatencies.push(performance.now() - started);
            startedAt.set(body.processInstanceKey, started);
            measured.push(body.processInstanceKey);
          }
        } catch {
          errors++;
          launched--;
        }
      }
    };
    log(
      `scenario ${scenario.letter}: ${options.warmupSeconds} s warm-up, then ${options.durationSeconds} s measured, ${options.concurrency} requests and ${options.inFlight} instances in flight at most`,
    );
    await Promise.all(Array.from({ length: options.concurrency }, loop));
    const cpu = await cpuInWindow;
    const completedInWindow = [...completions.completedAt.values()].filter(
      (time) => time >= warmupEnd && time < measureEnd,
    ).length;
    // Let the measured instances finish (for their latencies), up to 30 s. They mostly complete
    // in creation order, so a cursor over them makes each check cheap.
    let firstUnfinished = 0;
    const allMeasuredCompleted = () => {
      while (firstUnfinished < measured.length && completions.completedAt.has(measured[firstUnfinished]!))
        firstUnfinished++;
      return firstUnfinished === measured.length;
    };
    await completions.waitUntil(allMeasuredCompleted, performance.now() + 30_000);
    const latencies = measured.flatMap((key) => {
      const done = completions.completedAt.get(key);
      return done === undefined ? [] : [done - startedAt.get(key)!];
    });
    outcome = {
      letter: scenario.letter,
      label: scenario.label,
      replicas: options.replicas,
      created: measured.length,
      completed: latencies.length,
      errors,
      createdPerSecond: measured.length / options.durationSeconds,
      completedPerSecond: completedInWindow / options.durationSeconds,
      createP50Ms: createLatencies.length ? percentile(createLatencies, 50) : NaN,
      createP99Ms: createLatencies.length ? percentile(createLatencies, 99) : NaN,
      completeP50Ms: latencies.length ? percentile(latencies, 50) : NaN,
      completeP99Ms: latencies.length ? percentile(latencies, 99) : NaN,
      cpu,
    };
  } finally {
    for (const worker of workers) await worker.close();
    await bus.close();
    for (const replica of replicas) {
      replica.child.kill('SIGTERM');
      await replica.exited;
    }
  }
  // The replicas write their profiles as they exit, so they are complete only now.
  const profiles = options.cpuProfileDir ? profilesOf(path.resolve(options.cpuProfileDir), replicaPids) : [];
  return { outcome, profiles };
}

function profileTitle(scenario: RealScenarioOutcome, profile: ScenarioRun['profiles'][number]): string {
  // Thread 0 is the replica's main thread; the others are worker threads (tsx's module loader).
  const thread = profile.thread === 0 ? 'main thread' : `worker thread ${profile.thread}`;
  return `CPU profile of ${scenario.label}, replica pid ${profile.pid}, ${thread} (${path.basename(profile.file)})`;
}

async function main(): Promise<void> {
  const options = parseRealBenchOptions(process.argv.slice(2));
  execFileSync('bash', [path.resolve('infra/up.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
  process.env['KAFKA_BROKERS'] ??= '127.0.0.1:9092';
  process.env['MONGODB_URI'] ??= 'mongodb://127.0.0.1:27017/';
  const scenarios = loadScenarios().filter((scenario) => options.scenarios.includes(scenario.letter));
  const runs: ScenarioRun[] = [];
  for (const scenario of scenarios) runs.push(await runScenario(scenario, options));
  const outcomes = runs.map((run) => run.outcome);
  const profiles = runs.flatMap((run) =>
    run.profiles.map((profile) => ({
      title: profileTitle(run.outcome, profile),
      scenario: run.outcome.letter,
      ...profile,
      summary: summarizeProfileFile(profile.file),
    })),
  );
  if (options.json) {
    const topOnly = (summary: ProfileSummary) => ({ ...summary, functions: summary.functions.slice(0, 20) });
    const profilesJson = profiles.map(({ summary, ...profile }) => ({
      ...profile,
      summary: topOnly(summary),
    }));
    process.stdout.write(`${JSON.stringify({ options, outcomes, profiles: profilesJson })}\n`);
    return;
  }
  const sections = [
    renderRealTable(outcomes, options),
    ...outcomes.map(renderCpuTable),
    ...profiles.map((profile) => renderProfileSummary(profile.summary, profile.title)),
  ];
  process.stdout.write(`${sections.join('\n\n')}\n`);
}

await main();
