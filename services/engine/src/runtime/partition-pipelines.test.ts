// The order a partition's committed batches are stored in while later batches run ahead, the bound
// on how far ahead, and what a failure stops.
import { PartitionPipelines, PartitionStoppedError, type BatchStages } from './partition-pipelines';

/** A promise resolved from outside. */
function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Stages that log what runs, with a write that ends when the test says so. */
function stagesFor(
  name: string,
  log: string[],
  written = deferred(),
): BatchStages & { written: typeof written } {
  return {
    written,
    sideEffects: () => {
      log.push(`${name}:side`);
      return Promise.resolve();
    },
    write: () => {
      log.push(`${name}:write`);
      return written.promise;
    },
    announce: () => {
      log.push(`${name}:announce`);
      return Promise.resolve();
    },
  };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

it('queues a later batch write behind an earlier one, and announces both in order once written', async () => {
  const log: string[] = [];
  const pipelines = new PartitionPipelines({ maxPendingBatches: 8, onFailure: () => undefined });
  const first = stagesFor('1', log);
  const second = stagesFor('2', log);
  await pipelines.push(0, first);
  await pipelines.push(0, second);
  await flush();
  expect(log).toEqual(['1:side', '1:write', '2:side', '2:write']);
  second.written.resolve();
  await flush();
  expect(log).not.toContain('2:announce');
  first.written.resolve();
  await pipelines.drained(0);
  expect(log.slice(4)).toEqual(['1:announce', '2:announce']);
});

it('keeps other partitions apart: one partition waiting on its write holds no other back', async () => {
  const log: string[] = [];
  const pipelines = new PartitionPipelines({ maxPendingBatches: 8, onFailure: () => undefined });
  const slow = stagesFor('p0', log);
  const fast = stagesFor('p1', log);
  await pipelines.push(0, slow);
  await pipelines.push(1, fast);
  fast.written.resolve();
  await pipelines.drained(1);
  expect(log).toContain('p1:announce');
  expect(log).not.toContain('p0:announce');
  slow.written.resolve();
  await pipelines.drained();
});

it('lets a partition take its next batch only while fewer than the most batches are pending', async () => {
  const log: string[] = [];
  const pipelines = new PartitionPipelines({ maxPendingBatches: 2, onFailure: () => undefined });
  const first = stagesFor('1', log);
  await pipelines.push(0, first);
  let secondTaken = false;
  const second = pipelines.push(
    0,
    stagesFor(
      '2',
      log,
      (() => {
        const d = deferred();
        d.resolve();
        return d;
      })(),
    ),
  );
  void second.then(() => (secondTaken = true));
  await flush();
  expect(secondTaken).toBe(false);
  first.written.resolve();
  await second;
  expect(secondTaken).toBe(true);
  await pipelines.drained();
});

it('stops a partition whose store failed: later batches are not stored, the failure is told once', async () => {
  const log: string[] = [];
  const failures: unknown[] = [];
  const pipelines = new PartitionPipelines({
    maxPendingBatches: 8,
    onFailure: (partition, error) => failures.push([partition, error]),
  });
  const first = stagesFor('1', log);
  await pipelines.push(3, first);
  const second = stagesFor('2', log);
  await pipelines.push(3, second);
  const failure = new Error('lease expired');
  first.written.reject(failure);
  // The writer settles every write it was given; the second one is written, but not announced.
  second.written.resolve();
  await pipelines.drained(3);
  expect(failures).toEqual([[3, failure]]);
  expect(pipelines.failureOf(3)).toEqual({ error: failure });
  expect(log).not.toContain('1:announce');
  expect(log).not.toContain('2:announce');
  expect(new PartitionStoppedError().message).toMatch(/earlier batch/);
});
