import { jobFixture } from '../../test/support/job-fixture';
import type { Job } from '@baton/engine-core';
import type { JobChange } from '@baton/store';
import { InMemoryPartitionCheckpointStore } from '@baton/store';
import { waitFor } from '@baton/testing';
import type { PlannedJobChange } from './job-change-coalescing';
import { SnapshotWriter, type SnapshotPart } from './snapshot-writer';

const holdMs = 30;

const job = (jobKey: string, retries = 3): Job => jobFixture(jobKey, { retries });

const kafkaLock = { worker: 'kafka', deadline: 300_000 };

/** A new job handed to its Kafka workers by the batch that made it. */
const handedOver = (jobKey: string): PlannedJobChange => ({
  kind: 'upsert',
  job: job(jobKey),
  lock: kafkaLock,
  created: true,
});

function part(
  partition: number,
  firstOffset: number,
  nextOffset: number,
  jobChanges: PlannedJobChange[],
): SnapshotPart {
  return { partition, firstOffset, nextOffset, documents: [], jobChanges, committedAt: 0 };
}

/** A writer holding handed-over jobs for 30 ms of a clock the test moves. */
function setUp() {
  const written: JobChange[] = [];
  const checkpoints = new InMemoryPartitionCheckpointStore();
  let now = 0;
  const writer = new SnapshotWriter({
    instances: { saveSnapshot: () => Promise.resolve() },
    jobs: {
      applyChanges: (changes) => {
        written.push(...changes);
        return Promise.resolve();
      },
    },
    checkpoints,
    topic: 'commands',
    checkpointDelayMs: 1,
    holdHandedOverJobsMs: holdMs,
    now: () => now,
  });
  const writtenKeys = () =>
    written.map((change) => (change.kind === 'remove' ? change.jobKey : change.job.jobKey));
  const checkpointOf = async (partition: number) =>
    (await checkpoints.get('commands', [partition])).get(partition);
  return { writer, written, writtenKeys, checkpointOf, advance: (ms: number) => (now += ms) };
}

describe('SnapshotWriter holding jobs handed to Kafka workers', () => {
  it('never writes a job its worker answered within the hold, and answers its batch without waiting', async () => {
    const { writer, written } = setUp();
    await writer.write(part(0, 0, 1, [handedOver('a')]));
    expect(written).toEqual([]);
    await writer.write(part(0, 1, 2, [{ kind: 'remove', jobKey: 'a' }]));
    await writer.idle();
    expect(written).toEqual([]);
  });

  it('writes a job still open once the hold has passed, as it was handed over', async () => {
    const { writer, written, advance } = setUp();
    await writer.write(part(0, 0, 1, [handedOver('a')]));
    advance(holdMs);
    await waitFor(() => written.length > 0, { description: 'the held job written' });
    expect(written).toEqual([{ kind: 'upsert', job: job('a'), lock: kafkaLock, created: true }]);
  });

  it('writes a held job at once when it changes (a failure with retries left), and jobs not handed over at once', async () => {
    const { writer, written, writtenKeys } = setUp();
    await writer.write(part(0, 0, 1, [handedOver('a'), { kind: 'upsert', job: job('rest'), created: true }]));
    expect(writtenKeys()).toEqual(['rest']);
    await writer.write(part(0, 1, 2, [{ kind: 'upsert', job: job('a', 2) }]));
    expect(written.at(-1)).toEqual({ kind: 'upsert', job: job('a', 2), created: true });
  });

  it('keeps the checkpoint at the batch of the oldest held job, and moves it on once that job is written', async () => {
    const { writer, written, checkpointOf, advance } = setUp();
    await writer.write(part(3, 10, 13, [handedOver('a')]));
    writer.confirm({ partition: 3, nextOffset: 13, committedAt: 0 });
    await writer.write(part(3, 13, 15, []));
    writer.confirm({ partition: 3, nextOffset: 15, committedAt: 0 });
    await writer.idle();
    expect(await checkpointOf(3)).toBe(10);
    advance(holdMs);
    await waitFor(() => written.length > 0, { description: 'the held job written' });
    await writer.idle();
    expect(await checkpointOf(3)).toBe(15);
  });

  it('forgets the held jobs of a partition given away: its next owner replays their batch', async () => {
    const { writer, writtenKeys, advance } = setUp();
    await writer.write(part(0, 0, 1, [handedOver('mine')]));
    await writer.write(part(1, 0, 1, [handedOver('gone')]));
    writer.keepPartitions([0]);
    advance(holdMs);
    await waitFor(() => writtenKeys().length > 0, { description: 'the held job of partition 0 written' });
    await writer.idle();
    expect(writtenKeys()).toEqual(['mine']);
  });

  it('writes every held job when released (the replica closes), and holds none afterwards', async () => {
    const { writer, writtenKeys } = setUp();
    await writer.write(part(0, 0, 1, [handedOver('a')]));
    await writer.releaseHeldJobs();
    expect(writtenKeys()).toEqual(['a']);
    await writer.write(part(0, 1, 2, [handedOver('b')]));
    expect(writtenKeys()).toEqual(['a', 'b']);
  });
});
