// Socket latency: the time from the engine applying an instance's creation to a socket
// client receiving its `instance.updated`, at a steady rate of new instances, through the embedded
// gateway — on the embedded bus, or on Kafka with `--kafka` (KAFKA_BROKERS, default 127.0.0.1:9092).
//   npm run bench -- --socket [--rate 100] [--seconds 10] [--clients 1] [--kafka] [--json]
// The result goes to stdout (a line of text, or one JSON object with --json); progress and every
// log line of the engine and gateway go to stderr.
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@baton/contracts';
import { createEngineRuntime, startHttpServer, type ApplyFunction } from '@baton/engine';
import { createLogger, logErrorTo } from '@baton/platform';
import { testAuthenticator, testToken } from '@baton/testing';
import { apply as coreApply } from '@baton/engine-core';
import { KafkaBus, type TransactionalMessageBus } from '@baton/messaging';
import { localUrl, startEmbeddedGateway } from '@baton/socket-gateway';
import { engineSnapshotSource } from '@baton/standalone';
import { instancePartitions } from '@baton/topics';
import { percentile } from './stats';

interface Options {
  readonly rate: number;
  readonly seconds: number;
  readonly clients: number;
  readonly kafka: boolean;
  readonly json: boolean;
}

function readOptions(argv: readonly string[]): Options {
  const value = (name: string, fallback: number) => {
    const index = argv.indexOf(`--${name}`);
    const parsed = index >= 0 ? Number(argv[index + 1]) : fallback;
    if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive number`);
    return parsed;
  };
  return {
    rate: value('rate', 100),
    seconds: value('seconds', 10),
    clients: Math.floor(value('clients', 1)),
    kafka: argv.includes('--kafka'),
    json: argv.includes('--json'),
  };
}

const processId = 'socket-latency';
const processXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Definitions_${processId}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${processId}" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="ToWait" sourceRef="Start" targetRef="Wait" />
    <bpmn:userTask id="Wait" />
    <bpmn:sequenceFlow id="ToEnd" sourceRef="Wait" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const topicPrefix = `bench-socket-${Date.now()}.`;
  let bus: TransactionalMessageBus | undefined;
  if (options.kafka) {
    const kafka = new KafkaBus({
      brokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(','),
      clientId: 'bench-socket',
      topicPrefix,
    });
    await kafka.connect();
    bus = kafka;
  }

  // When each instance's creation was applied by the engine (first apply of its key).
  const appliedAt = new Map<string, number>();
  const apply: ApplyFunction = (state, command, ctx) => {
    const result = coreApply(state, command, ctx);
    if (command.type === 'CREATE_INSTANCE' && !appliedAt.has(command.processInstanceKey))
      appliedAt.set(command.processInstanceKey, performance.now());
    return result;
  };
  const engine = await createEngineRuntime({
    apply,
    logger: createLogger({ service: 'engine', destination: process.stderr }),
    topicPrefix,
    ...(bus ? { bus, partitions: instancePartitions } : {}),
  });
  // Authentication on, as in production: the clients' handshakes carry a (test) operator token.
  const authenticator = testAuthenticator();
  const token = await testToken();
  const rest = await startHttpServer(engine, {
    port: 0,
    host: '127.0.0.1',
    shutdownGraceMs: 500,
    authenticator,
  });
  const gateway = await startEmbeddedGateway({
    engine,
    snapshots: engineSnapshotSource(engine),
    engineUrl: localUrl('127.0.0.1', rest.port),
    port: 0,
    host: '127.0.0.1',
    topicPrefix,
    serveConsole: false,
    authenticator,
    logError: logErrorTo(createLogger({ service: 'socket-gateway', destination: process.stderr })),
  });
  await engine.deploy([{ name: `${processId}.bpmn`, content: processXml }]);

  // Latencies per client; each client measures the first update of every instance.
  const latencies: number[][] = [];
  const sockets: ClientSocket[] = [];
  for (let index = 0; index < options.clients; index++) {
    const socket: ClientSocket = io(`http://127.0.0.1:${gateway.port}`, {
      auth: { token },
      transports: ['websocket'],
      forceNew: true,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const answer = await socket.emitWithAck('subscribe', { processDefinitionId: processId });
    if (!answer.ok) throw new Error(answer.error.message);
    const samples: number[] = [];
    const seen = new Set<string>();
    socket.on('instance.updated', (update) => {
      const applied = appliedAt.get(update.processInstanceKey);
      if (applied === undefined || seen.has(update.processInstanceKey)) return;
      seen.add(update.processInstanceKey);
      samples.push(performance.now() - applied);
    });
    latencies.push(samples);
    sockets.push(socket);
  }

  const total = Math.round(options.rate * options.seconds);
  console.error(
    `socket latency: ${total} instances at ${options.rate}/s, ${options.clients} client(s), ${options.kafka ? 'Kafka' : 'embedded'} bus`,
  );
  const started = performance.now();
  const creations: Promise<unknown>[] = [];
  for (let index = 0; index < total; index++) {
    const due = started + (index * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    creations.push(engine.createInstance({ processDefinitionId: processId }));
  }
  await Promise.all(creations);
  const deadline = performance.now() + 30_000;
  while (latencies.some((samples) => samples.length < total) && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  const all = latencies.flat();
  const received = Math.min(...latencies.map((samples) => samples.length));
  const figures =
    all.length > 0
      ? { p50Ms: percentile(all, 50), p99Ms: percentile(all, 99), maxMs: Math.max(...all) }
      : undefined;
  if (options.json) {
    const { json: _json, ...settings } = options;
    process.stdout.write(
      `${JSON.stringify({ ...settings, instances: total, receivedPerClient: received, ...figures })}\n`,
    );
  } else {
    const format = (ms: number) => `${ms.toFixed(1)} ms`;
    const latency = figures
      ? `engine apply → client receive: p50 ${format(figures.p50Ms)}  p99 ${format(figures.p99Ms)}  max ${format(figures.maxMs)}`
      : 'no update received';
    process.stdout.write(`received ${received}/${total} per client; ${latency}\n`);
  }

  for (const socket of sockets) socket.close();
  await gateway.close();
  await rest.close();
  await engine.close();
  await bus?.close();
  if (received < total) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
