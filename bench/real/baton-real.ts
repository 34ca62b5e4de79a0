// Baton's side of `npm run bench -- --real`: engine replicas as processes of their own (REST API +
// command processor on Kafka + FerretDB); this process drives them over HTTP (a closed loop of at
// most `concurrency` create requests and a bounded number of unfinished instances, or `--rate`
// creations per second), works the jobs as a Kafka worker, and observes completions on
// `baton.instance.events.v1`. Measured: instances created and completed per second, create-request
// latency, start→complete latency, sustained for `--duration` seconds after a warm-up; the CPU
// each process used in that window (plus, with --cpu-prof-dir, where the replicas spent it), and
// the database statements (MongoDB commands) the replicas sent in it.
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { InstanceEvent } from '@baton/engine-core';
import { topicName, topics } from '@baton/topics';
import {
  startKafkaTestWorker,
  type KafkaTestWorker,
} from '../../services/engine/test/support/kafka-test-worker';
import { startReplicaProcess, type ReplicaProcess } from '../../services/engine/test/support/replica-process';
import { connectTestBus, realTestSettings } from '../../services/engine/test/support/test-runtime';
import type { Scenario } from '../scenarios';
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
import { readReplicaCounts, statementsBetween, type CommandCounts } from './db-statements';
import type { RealBenchOptions } from './options';
import type { BatonRealOutcome } from './real-outcome';
import { JsonClient } from './json-client';
import { at, runOpenLoop } from './open-loop';
import { removeRunData, type LeftBehind } from './run-data';
import { TasklistUser } from './tasklist-user';

/** User task completions in flight at most, in scenario (c). */
const tasklistConcurrency = 32;

export interface ProfileFile {
  readonly file: string;
  readonly pid: number;
  readonly thread: number;
}

export interface BatonRealRun {
  readonly outcome: BatonRealOutcome;
  readonly profiles: readonly ProfileFile[];
}

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

export const wholeMachineName = 'whole machine (every process)';
export const restOfMachineName = 'rest of the machine (other processes, kernel)';
export const replicaProcessPrefix = 'engine replica';

/** The processes whose CPU the benchmark reports: the infrastructure (pid files of infra/up.sh), the replicas, this driver. */
function watchedProcesses(replicas: readonly ReplicaProcess[]): WatchedProcess[] {
  return [
    processByPidFile('FerretDB', path.resolve('.infra/run/ferretdb.pid')),
    processByPidFile('Kafka (java)', path.resolve('.infra/run/kafka.pid')),
    ...replicas.map((replica) =>
      processById(`${replicaProcessPrefix} ${replica.replicaId}`, replica.child.pid!),
    ),
    currentProcess('bench driver (HTTP client, Kafka worker, observer)'),
    wholeMachine(wholeMachineName),
  ];
}

/** The .cpuprofile files `node --cpu-prof` wrote for these pids (named CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile). */
function profilesOf(directory: string, pids: readonly number[]): ProfileFile[] {
  return readdirSync(directory).flatMap((name) => {
    const match = /^CPU\.\d+\.\d+\.(\d+)\.(\d+)\.\d+\.cpuprofile$/.exec(name);
    if (!match || !pids.includes(Number(match[1]))) return [];
    return [{ file: path.join(directory, name), pid: Number(match[1]), thread: Number(match[2]) }];
  });
}

/** Runs one scenario on fresh replicas and topics; the replicas are stopped afterwards. */
export async function runBatonScenario(scenario: Scenario, options: RealBenchOptions): Promise<BatonRealRun> {
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
  const http = new JsonClient(options.concurrency);
  // Scenario (c)'s user tasks are done over REST, as a tasklist would do them, on connections of their own.
  const tasklistHttp = new JsonClient(tasklistConcurrency);
  let tasklist: TasklistUser | undefined;
  let outcome: BatonRealOutcome;
  try {
    await deploy(replicas[0]!, scenario);
    for (const [type, handler] of Object.entries(scenario.jobHandlers)) {
      workers.push(
        await startKafkaTestWorker(bus, {
          topicPrefix: settings.topicPrefix,
          type,
          // As a worker in production would: a commit per batch is a request to the group
          // coordinator each time, which at hundreds of batches a second costs the broker more than
          // the jobs themselves.
          commitIntervalMs: 1000,
          handle: (job) => ({ result: 'COMPLETE', variables: handler(job.variables) }),
        }),
      );
    }
    if (scenario.userTaskVariables) {
      tasklist = new TasklistUser({
        http: tasklistHttp,
        baseUrl: replicas[0]!.baseUrl,
        authHeaders: replicas[0]!.authHeaders,
        variables: scenario.userTaskVariables,
        concurrency: tasklistConcurrency,
        idlePollMs: 20,
      });
      tasklist.start();
    }
    const completions = new CompletionTracker();
    await bus.subscribe({
      topic: topicName(topics.instanceEvents, settings.topicPrefix),
      groupId: 'bench-observer',
      fromBeginning: true,
      // It only watches: losing its place costs nothing, so it need not commit after every batch.
      commitIntervalMs: 1000,
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
    let firstError: string | undefined;
    const warmupEnd = performance.now() + options.warmupSeconds * 1000;
    const measureEnd = warmupEnd + options.durationSeconds * 1000;
    const cpuInWindow: Promise<CpuWindowReport> = at(warmupEnd)
      .then(() => startCpuWindow(watchedProcesses(replicas)))
      .then(async (window) => {
        await at(measureEnd);
        return withRestOfMachine(window.finish(), wholeMachineName, restOfMachineName);
      });
    // The replicas' command counters at the same two moments; a failed read leaves the figure out
    // (logged) rather than failing the run's other measures.
    const replicaUrls = replicas.map((replica) => replica.baseUrl);
    const countsInWindow: Promise<{ start: CommandCounts; end: CommandCounts } | undefined> = at(warmupEnd)
      .then(() => readReplicaCounts(replicaUrls))
      .then(async (start) => {
        await at(measureEnd);
        return { start, end: await readReplicaCounts(replicaUrls) };
      })
      .catch((error: unknown) => {
        log(`reading the replicas' MongoDB command counts failed: ${String(error)}`);
        return undefined;
      });
    let next = 0;
    // Create requests sent and not failed: instances created, or about to be.
    let launched = 0;

    /** One create request; `started` is when it was due (its send time, or its slot under --rate). */
    const createOne = async (started: number): Promise<void> => {
      launched++;
      const replica = replicas[next++ % replicas.length]!;
      try {
        const answer = await http.post(`${replica.baseUrl}/v2/process-instances`, replica.authHeaders, {
          processDefinitionId: scenario.processId,
          variables: scenario.variablesFor(next),
        });
        const body = answer.body as { processInstanceKey?: string } | undefined;
        if (answer.status < 200 || answer.status > 299 || !body?.processInstanceKey)
          throw new Error(`create answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
        if (started >= warmupEnd) {
          createLatencies.push(performance.now() - started);
          startedAt.set(body.processInstanceKey, started);
          measured.push(body.processInstanceKey);
        }
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
        launched--;
      }
    };

    const load = options.load;
    if (load.kind === 'closed') {
      const tooManyInFlight = () => launched - completions.completedCount >= load.concurrency;
      const loop = async (): Promise<void> => {
        while (performance.now() < measureEnd) {
          if (tooManyInFlight()) {
            await completions.waitUntil(() => !tooManyInFlight(), measureEnd);
            continue;
          }
          await createOne(performance.now());
        }
      };
      log(
        `Baton, scenario ${scenario.letter}: ${options.warmupSeconds} s warm-up, then ${options.durationSeconds} s measured, ${options.concurrency} requests and ${load.concurrency} instances in flight at most`,
      );
      await Promise.all(Array.from({ length: options.concurrency }, loop));
    } else {
      log(
        `Baton, scenario ${scenario.letter}: ${options.warmupSeconds} s warm-up, then ${options.durationSeconds} s measured, ${load.instancesPerSecond} creations per second`,
      );
      await runOpenLoop(
        { perSecond: load.instancesPerSecond, firstDue: performance.now(), end: measureEnd },
        createOne,
      );
    }
    const cpu = await cpuInWindow;
    const counts = await countsInWindow;
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
    await tasklist?.stop();
    if (tasklist?.firstError !== undefined) {
      errors += tasklist.errors;
      firstError ??= `tasklist: ${tasklist.firstError}`;
    }
    const latencies = measured.flatMap((key) => {
      const done = completions.completedAt.get(key);
      return done === undefined ? [] : [done - startedAt.get(key)!];
    });
    outcome = {
      ok: true,
      created: measured.length,
      completed: latencies.length,
      completedInWindow,
      errors,
      ...(firstError === undefined ? {} : { firstError }),
      createdPerSecond: measured.length / options.durationSeconds,
      completedPerSecond: completedInWindow / options.durationSeconds,
      createP50Ms: createLatencies.length ? percentile(createLatencies, 50) : NaN,
      createP99Ms: createLatencies.length ? percentile(createLatencies, 99) : NaN,
      completeP50Ms: latencies.length ? percentile(latencies, 50) : NaN,
      completeP99Ms: latencies.length ? percentile(latencies, 99) : NaN,
      cpu,
      dbStatements: counts ? statementsBetween(counts.start, counts.end, completedInWindow) : null,
      leftBehind: null,
    };
  } finally {
    await tasklist?.stop();
    http.close();
    tasklistHttp.close();
    for (const worker of workers) await worker.close();
    await bus.close();
    for (const replica of replicas) {
      replica.child.kill('SIGTERM');
      await replica.exited;
    }
  }
  // The replicas write their profiles as they exit, so they are complete only now.
  const profiles = options.cpuProfileDir ? profilesOf(path.resolve(options.cpuProfileDir), replicaPids) : [];
  const leftBehind: LeftBehind | null = await removeRunData(settings).catch((error: unknown) => {
    log(`removing the run's topics and database failed: ${String(error)}`);
    return null;
  });
  return { outcome: outcome.ok ? { ...outcome, leftBehind } : outcome, profiles };
}
