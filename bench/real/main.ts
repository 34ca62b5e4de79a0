// `npm run bench -- --real`: Baton on the real Kafka broker and FerretDB, as in production. Engine
// replicas run as processes of their own (REST API + command processor on Kafka + MongoDB);
// this process drives them over HTTP with `concurrency` create requests in flight, works the
// jobs as a Kafka worker, and observes completions on `baton.instance.events.v1`. Measured:
// instances completed per second, create-request latency, start→complete latency, sustained
// for `--duration` seconds after a warm-up.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
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
import { parseRealBenchOptions, type RealBenchOptions } from './options';
import { renderRealTable, type RealScenarioOutcome } from './real-table';

function log(message: string): void {
  process.stderr.write(`[bench --real] ${message}\n`);
}

async function deploy(baseUrl: string, scenario: Scenario): Promise<void> {
  const form = new FormData();
  form.append(
    'resources',
    new Blob([scenario.bpmnXml], { type: 'application/xml' }),
    `${scenario.processId}.bpmn`,
  );
  const response = await fetch(`${baseUrl}/v2/deployments`, { method: 'POST', body: form });
  if (!response.ok) throw new Error(`deployment failed: ${response.status} ${await response.text()}`);
}

async function runScenario(scenario: Scenario, options: RealBenchOptions): Promise<RealScenarioOutcome> {
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
  const bus = await connectTestBus(settings, 'bench-driver');
  const workers: KafkaTestWorker[] = [];
  try {
    await deploy(replicas[0]!.baseUrl, scenario);
    for (const [type, handler] of Object.entries(scenario.jobHandlers)) {
      workers.push(
        await startKafkaTestWorker(bus, {
          topicPrefix: settings.topicPrefix,
          type,
          handle: (job) => ({ result: 'COMPLETE', variables: handler(job.variables) }),
        }),
      );
    }
    const completedAt = new Map<string, number>();
    await bus.subscribe({
      topic: topicName(topics.instanceEvents, settings.topicPrefix),
      groupId: 'bench-observer',
      fromBeginning: true,
      eachBatch: (batch) => {
        const now = performance.now();
        for (const message of batch.messages) {
          const event = message.value as InstanceEvent;
          if (event.state === 'COMPLETED' && !completedAt.has(event.processInstanceKey))
            completedAt.set(event.processInstanceKey, now);
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
    let next = 0;
    const loop = async (): Promise<void> => {
      while (performance.now() < measureEnd) {
        const replica = replicas[next++ % replicas.length]!;
        const started = performance.now();
        try {
          const response = await fetch(`${replica.baseUrl}/v2/process-instances`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
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
        }
      }
    };
    log(
      `scenario ${scenario.letter}: ${options.warmupSeconds} s warm-up, then ${options.durationSeconds} s measured, ${options.concurrency} requests in flight`,
    );
    await Promise.all(Array.from({ length: options.concurrency }, loop));
    const completedInWindow = [...completedAt.values()].filter(
      (at) => at >= warmupEnd && at < measureEnd,
    ).length;
    // Let the measured instances finish (for their latencies), up to 30 s.
    const drainDeadline = performance.now() + 30_000;
    while (measured.some((key) => !completedAt.has(key)) && performance.now() < drainDeadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const latencies = measured.flatMap((key) => {
      const done = completedAt.get(key);
      return done === undefined ? [] : [done - startedAt.get(key)!];
    });
    return {
      letter: scenario.letter,
      label: scenario.label,
      replicas: options.replicas,
      created: measured.length,
      completed: latencies.length,
      errors,
      completedPerSecond: completedInWindow / options.durationSeconds,
      createP50Ms: createLatencies.length ? percentile(createLatencies, 50) : NaN,
      createP99Ms: createLatencies.length ? percentile(createLatencies, 99) : NaN,
      completeP50Ms: latencies.length ? percentile(latencies, 50) : NaN,
      completeP99Ms: latencies.length ? percentile(latencies, 99) : NaN,
    };
  } finally {
    for (const worker of workers) await worker.close();
    await bus.close();
    for (const replica of replicas) {
      replica.child.kill('SIGTERM');
      await replica.exited;
    }
  }
}

async function main(): Promise<void> {
  const options = parseRealBenchOptions(process.argv.slice(2));
  execFileSync('bash', [path.resolve('infra/up.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
  process.env['KAFKA_BROKERS'] ??= '127.0.0.1:9092';
  process.env['MONGODB_URI'] ??= 'mongodb://127.0.0.1:27017/';
  const scenarios = loadScenarios().filter((scenario) => options.scenarios.includes(scenario.letter));
  const outcomes: RealScenarioOutcome[] = [];
  for (const scenario of scenarios) outcomes.push(await runScenario(scenario, options));
  if (options.json) process.stdout.write(`${JSON.stringify({ options, outcomes })}\n`);
  else process.stdout.write(`${renderRealTable(outcomes, options)}\n`);
}

await main();
