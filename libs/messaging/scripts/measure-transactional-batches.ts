// Figures of transactional batches on the local broker, run by hand (no assertions):
//   npx tsx libs/messaging/scripts/measure-transactional-batches.ts
// For batch sizes 1, 10 and 100: a backlog of 1 KB JSON inputs is consumed with
// subscribeTransactional, each input producing one 1 KB output (keys spread over the output's 8
// partitions) in the batch's transaction with its offset commit. Inputs are produced one call per
// batch and consumed with maxBytesPerPartition 1, so that each fetch, and each transaction, holds
// exactly one producer batch of inputs. Reports transactions/s, messages/s and the latency of
// transaction.commit() (send, offsets, end of transaction), and the same handler at least once
// (bus.produce, then the consumer's commit) for comparison.
// Environment: KAFKA_BROKERS (default 127.0.0.1:9092), MEASURE_TRANSACTIONS (per size, default 500),
// MEASURE_PARTITIONS (input partitions consumed at once, default 1), MEASURE_BASELINE (0 to skip).
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Kafka, logLevel } from 'kafkajs';
import type { MessageBatch, OutgoingMessage } from '../src';
import { KafkaBus } from '../src/kafka';

const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const transactionsPerSize = Number(process.env['MEASURE_TRANSACTIONS'] ?? 500);
const inputPartitions = Number(process.env['MEASURE_PARTITIONS'] ?? 1);
const withBaseline = process.env['MEASURE_BASELINE'] !== '0';
const batchSizes = [1, 10, 100];
/** First batches of each run, left out of the figures: producer start, JIT, fetch sessions. */
const warmUpBatches = 10;
const outputPartitions = 8;

const prefix = `measure-tx-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}.`;
const filler = 'x'.repeat(1024 - 60);

/** A message whose JSON is about 1 KB. */
function oneKilobyte(i: number): OutgoingMessage {
  return { key: `key-${i % 1000}`, value: { id: i, payload: filler } };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

type Mode = 'transactional' | 'at-least-once';

/** Produces the backlog: per partition, `batches` produce calls of `size` messages each. */
async function fillInput(bus: KafkaBus, topic: string, size: number, batches: number): Promise<void> {
  await Promise.all(
    Array.from({ length: inputPartitions }, async (_, partition) => {
      // A key per partition, found by the producer's own partitioner.
      let key = 0;
      while (bus.partitionForKey(`input-${key}`, inputPartitions) !== partition) key++;
      for (let batch = 0; batch < batches; batch++) {
        await bus.produce(
          topic,
          Array.from({ length: size }, (_, i) => ({ ...oneKilobyte(batch * size + i), key: `input-${key}` })),
        );
      }
    }),
  );
}

async function measure(bus: KafkaBus, mode: Mode, size: number): Promise<void> {
  const input = `${prefix}${mode}-${size}-in`;
  const output = `${prefix}${mode}-${size}-out`;
  await bus.ensureTopics([
    { name: input, partitions: inputPartitions },
    { name: output, partitions: outputPartitions },
  ]);
  const batches = warmUpBatches + transactionsPerSize;
  await fillInput(bus, input, size, batches);

  const total = batches * inputPartitions;
  const commitLatencies: number[] = [];
  const sizes = new Map<number, number>();
  let handled = 0;
  let startedAt = 0;
  let cpuAtStart = process.cpuUsage();
  let finishedAt = 0;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const counted = (batch: MessageBatch, commitMs: number | undefined) => {
    handled++;
    if (handled === warmUpBatches * inputPartitions) {
      startedAt = performance.now();
      cpuAtStart = process.cpuUsage();
    }
    if (handled > warmUpBatches * inputPartitions) {
      sizes.set(batch.messages.length, (sizes.get(batch.messages.length) ?? 0) + 1);
      if (commitMs !== undefined) commitLatencies.push(commitMs);
    }
    if (handled === total) {
      finishedAt = performance.now();
      done();
    }
  };
  const outputOf = (batch: MessageBatch) =>
    batch.messages.map((message) => ({ key: `key-${message.offset % 1000}`, value: message.value }));

  const groupId = `${prefix}${mode}-${size}`;
  const subscription =
    mode === 'transactional'
      ? await bus.subscribeTransactional({
          topic: input,
          groupId,
          fromBeginning: true,
          eachBatch: async (batch, transaction) => {
            await transaction.produce(output, outputOf(batch));
            const before = performance.now();
            await transaction.commit();
            counted(batch, performance.now() - before);
          },
        })
      : await bus.subscribe({
          topic: input,
          groupId,
          fromBeginning: true,
          eachBatch: async (batch) => {
            await bus.produce(output, outputOf(batch));
            // The consumer commits after the handler resolves; its time is not seen here.
            counted(batch, undefined);
          },
        });
  await finished;
  const cpu = process.cpuUsage(cpuAtStart);
  await subscription.close();

  const seconds = (finishedAt - startedAt) / 1000;
  const measured = transactionsPerSize * inputPartitions;
  const sorted = [...commitLatencies].sort((a, b) => a - b);
  const latency =
    sorted.length > 0
      ? `, commit() p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${(sorted[sorted.length - 1] ?? Number.NaN).toFixed(1)} ms`
      : '';
  const batchSizesSeen = [...sizes].map(([messages, count]) => `${count}×${messages}`).join(' ');
  console.log(
    `${mode.padEnd(13)} batch ${String(size).padStart(3)}, ${inputPartitions} partition(s): ` +
      `${Math.round(measured / seconds)} batches/s, ${Math.round((measured * size) / seconds)} msg/s${latency}; ` +
      `client CPU ${((cpu.user + cpu.system) / 1000 / measured).toFixed(2)} ms per batch; batches seen: ${batchSizesSeen}`,
  );
}

async function main(): Promise<void> {
  const bus = new KafkaBus({
    brokers,
    clientId: 'measure-transactional-batches',
    topicPrefix: prefix,
    maxWaitTimeMs: 500,
    // One producer batch per fetch: the transaction size is the produce call's.
    maxBytesPerPartition: 1,
  });
  try {
    await bus.connect();
    for (const size of batchSizes) {
      await measure(bus, 'transactional', size);
      if (withBaseline) await measure(bus, 'at-least-once', size);
    }
  } finally {
    await bus.close();
    const admin = new Kafka({
      brokers,
      clientId: 'measure-transactional-batches-cleanup',
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    const created = (await admin.listTopics()).filter((name) => name.startsWith(prefix));
    if (created.length > 0) await admin.deleteTopics({ topics: created });
    await admin.disconnect();
  }
}

await main();
