// Figures of the Kafka bus on the local broker, run by hand (no assertions):
//   npx tsx libs/messaging/scripts/measure-kafka-bus.ts
// 1. produce throughput of 1 KB JSON messages in batches of 100 (one produce call at a time, then
//    several in flight); 2. end-to-end latency produce() → eachBatch at a moderate, steady rate.
// Environment: KAFKA_BROKERS (default 127.0.0.1:9092), MEASURE_MESSAGES, MEASURE_RATE, MEASURE_SECONDS.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Kafka, logLevel } from 'kafkajs';
import { KafkaBus } from '../src/kafka';

const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const throughputMessages = Number(process.env['MEASURE_MESSAGES'] ?? 50_000);
const batchSize = 100;
const latencyRatePerSecond = Number(process.env['MEASURE_RATE'] ?? 200);
const latencySeconds = Number(process.env['MEASURE_SECONDS'] ?? 15);
const partitions = 8;

const prefix = `measure-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}.`;
const filler = 'x'.repeat(1024 - 60);

/** A message whose JSON is about 1 KB. */
function oneKilobyte(i: number) {
  return { key: `key-${i % 1000}`, value: { id: i, sentAt: 0, payload: filler } };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function measureThroughput(bus: KafkaBus, inFlight: number): Promise<void> {
  const topic = `${prefix}throughput-${inFlight}`;
  await bus.ensureTopics([{ name: topic, partitions }]);
  await bus.produce(topic, [oneKilobyte(-1)]); // connection and metadata warmed up
  const batches = Math.ceil(throughputMessages / batchSize);
  let next = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const worker = async () => {
    for (let batch = next++; batch < batches; batch = next++) {
      await bus.produce(
        topic,
        Array.from({ length: batchSize }, (_, i) => oneKilobyte(batch * batchSize + i)),
      );
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const messages = batches * batchSize;
  const bytes = messages * JSON.stringify(oneKilobyte(0).value).length;
  console.log(
    `produce, batches of ${batchSize}, ${inFlight} call(s) in flight: ${messages} messages in ${seconds.toFixed(2)} s = ` +
      `${Math.round(messages / seconds)} msg/s, ${(bytes / seconds / 1024 / 1024).toFixed(1)} MiB/s, ` +
      `${((seconds * 1000) / batches).toFixed(2)} ms per produce call, ` +
      `client CPU ${((cpu.user + cpu.system) / 1000 / (messages / 1000)).toFixed(1)} ms per 1000 messages`,
  );
}

async function measureLatency(bus: KafkaBus): Promise<void> {
  const topic = `${prefix}latency`;
  await bus.ensureTopics([{ name: topic, partitions }]);
  const latencies: number[] = [];
  // The first second (connections, fetch sessions, JIT) is sent but not counted.
  const warmUpMessages = latencyRatePerSecond;
  const sentAt = new Map<number, number>();
  const subscription = await bus.subscribe({
    topic,
    groupId: `${prefix}latency`,
    fromBeginning: true,
    eachBatch: (batch) => {
      const now = performance.now();
      for (const message of batch.messages) {
        const id = (message.value as { id: number }).id;
        const sent = sentAt.get(id);
        if (sent !== undefined && id >= warmUpMessages) latencies.push(now - sent);
      }
      return Promise.resolve();
    },
  });
  const total = warmUpMessages + latencyRatePerSecond * latencySeconds;
  const intervalMs = 1000 / latencyRatePerSecond;
  const started = performance.now();
  const sends: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    // A steady rate: each message leaves at its slot, not as fast as possible.
    const due = started + i * intervalMs;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    sentAt.set(i, performance.now());
    sends.push(bus.produce(topic, [{ key: `key-${i % 1000}`, value: { id: i, payload: filler } }]));
  }
  await Promise.all(sends);
  const deadline = performance.now() + 30_000;
  while (latencies.length < total - warmUpMessages && performance.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
  await subscription.close();
  const sorted = [...latencies].sort((a, b) => a - b);
  console.log(
    `produce → eachBatch at ${latencyRatePerSecond} msg/s (1 message per produce call, ${latencySeconds} s, ${sorted.length}/${total - warmUpMessages} received after a 1 s warm-up): ` +
      `p50 ${percentile(sorted, 50).toFixed(1)} ms, p90 ${percentile(sorted, 90).toFixed(1)} ms, ` +
      `p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${(sorted[sorted.length - 1] ?? Number.NaN).toFixed(1)} ms`,
  );
}

async function main(): Promise<void> {
  const bus = new KafkaBus({
    brokers,
    clientId: 'measure-kafka-bus',
    topicPrefix: prefix,
    maxWaitTimeMs: 500,
  });
  try {
    await bus.connect();
    await measureThroughput(bus, 1);
    await measureThroughput(bus, 8);
    await measureLatency(bus);
  } finally {
    await bus.close();
    const admin = new Kafka({
      brokers,
      clientId: 'measure-kafka-bus-cleanup',
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    const created = (await admin.listTopics()).filter((name) => name.startsWith(prefix));
    if (created.length > 0) await admin.deleteTopics({ topics: created });
    await admin.disconnect();
  }
}

await main();
