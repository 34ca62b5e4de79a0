import type { InstanceDocument, JobChange, SnapshotWrite } from '@baton/store';
import { InMemoryPartitionCheckpointStore } from '@baton/store';
import { waitFor } from '@baton/testing';
import { SnapshotLeaseExpiredError, SnapshotWriter, type SnapshotPart } from './snapshot-writer';

function document(processInstanceKey: string, revision: number): InstanceDocument {
  return {
    processInstanceKey,
    processDefinitionKey: '100',
    processDefinitionId: 'order',
    processDefinitionVersion: 1,
    tenantId: '<default>',
    state: 'ACTIVE',
    startDate: '2026-12-06T00:00:00.000Z',
    variables: {},
    elementInstances: {},
    tokens: {},
    jobs: {},
    userTasks: {},
    incidents: {},
    awaitingReplies: [],
    revision,
    outbox: [],
    appliedCommandIds: [],
    hasIncident: false,
  };
}

/** Stores that record each write and can be held back or made to fail. */
function setUp(
  options: { leaseMs?: number; checkpointDelayMs?: number; checkpointIntervalMs?: number } = {},
) {
  const snapshots: SnapshotWrite[][] = [];
  const jobChanges: JobChange[][] = [];
  const checkpoints = new InMemoryPartitionCheckpointStore();
  let gate: Promise<void> = Promise.resolve();
  let failures = 0;
  let now = 0;
  const errors: unknown[] = [];
  const writer = new SnapshotWriter({
    instances: {
      saveSnapshot: async (writes) => {
        await gate;
        if (failures > 0) {
          failures--;
          throw new Error('database away');
        }
        snapshots.push([...writes]);
      },
    },
    jobs: {
      applyChanges: (changes) => {
        jobChanges.push([...changes]);
        return Promise.resolve();
      },
    },
    checkpoints,
    topic: 'commands',
    retryDelayMs: 1,
    now: () => now,
    onError: (error) => errors.push(error),
    ...options,
  });
  return {
    writer,
    snapshots,
    jobChanges,
    checkpoints,
    errors,
    hold: () => {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return release;
    },
    failNext: (count: number) => (failures = count),
    setNow: (at: number) => (now = at),
  };
}

function part(partition: number, nextOffset: number, writes: SnapshotWrite[], committedAt = 0): SnapshotPart {
  return {
    partition,
    firstOffset: Math.max(0, nextOffset - 1),
    nextOffset,
    documents: writes,
    jobChanges: [],
    committedAt,
  };
}

describe('SnapshotWriter', () => {
  it('writes the parts that come while a write runs together, the newest document of an instance winning', async () => {
    const { writer, snapshots, hold } = setUp();
    const release = hold();
    const first = writer.write(part(0, 5, [{ document: document('a', 1), stored: false }]));
    await Promise.resolve();
    const second = writer.write(part(1, 9, [{ document: document('b', 1), stored: false }]));
    const third = writer.write(part(0, 7, [{ document: document('a', 2), stored: true }]));
    release();
    await Promise.all([first, second, third]);
    expect(
      snapshots.map((writes) =>
        writes.map((w) => [w.document.processInstanceKey, w.document.revision, w.stored]),
      ),
    ).toEqual([
      [['a', 1, false]],
      [
        ['b', 1, false],
        ['a', 2, true],
      ],
    ]);
  });

  it('moves a checkpoint only once its part is confirmed (answered), with the next write', async () => {
    const { writer, snapshots, checkpoints } = setUp();
    await writer.write(part(0, 5, [{ document: document('a', 1), stored: false }]));
    expect(await checkpoints.get('commands', [0])).toEqual(new Map());
    writer.confirm(part(0, 5, []));
    writer.confirm(part(0, 3, []));
    await writer.write(part(1, 9, [{ document: document('b', 1), stored: false }]));
    expect(snapshots).toHaveLength(2);
    expect(await checkpoints.get('commands', [0, 1])).toEqual(new Map([[0, 5]]));
  });

  it('writes a confirmed checkpoint alone when no write comes within the delay, and at idle', async () => {
    const { writer, checkpoints } = setUp({ checkpointDelayMs: 1 });
    await writer.write(part(0, 5, []));
    writer.confirm(part(0, 5, []));
    await waitFor(async () => (await checkpoints.get('commands', [0])).get(0) === 5, {
      description: 'the lone checkpoint',
    });
    const other = setUp({ checkpointDelayMs: 60_000 });
    other.writer.confirm(part(3, 8, []));
    await other.writer.idle();
    expect((await other.checkpoints.get('commands', [3])).get(3)).toBe(8);
  });

  it('drops a confirmed checkpoint past its lease: the next owner replays a little more', async () => {
    const { writer, snapshots, checkpoints, setNow } = setUp({ leaseMs: 1000 });
    writer.confirm(part(0, 5, [], 0));
    setNow(1500);
    await writer.write(part(1, 2, [{ document: document('b', 1), stored: false }], 1400));
    await writer.idle();
    expect(snapshots).toHaveLength(1);
    expect(await checkpoints.get('commands', [0])).toEqual(new Map());
  });

  it('inserts an instance first written in this write even when a later part of it says stored', async () => {
    const { writer, snapshots, hold } = setUp();
    const release = hold();
    const running = writer.write(part(2, 1, []));
    await Promise.resolve();
    const parts = [
      writer.write(part(0, 1, [{ document: document('a', 1), stored: false }])),
      writer.write(part(1, 1, [{ document: document('a', 2), stored: true }])),
    ];
    release();
    await Promise.all([running, ...parts]);
    expect(snapshots.at(-1)).toEqual([{ document: document('a', 2), stored: false }]);
  });

  it('coalesces the job changes of the parts written together', async () => {
    const { writer, jobChanges } = setUp();
    const job = { ...document('a', 1), jobKey: 'j' } as never;
    await writer.write({
      partition: 0,
      firstOffset: 1,
      nextOffset: 2,
      documents: [],
      jobChanges: [
        { kind: 'upsert', job, created: true },
        { kind: 'remove', jobKey: 'j' },
      ],
      committedAt: 0,
    });
    expect(jobChanges).toEqual([]);
  });

  it('writes the checkpoints at most once per interval (riding along with a write), and when idle is asked', async () => {
    const { writer, checkpoints, setNow } = setUp({ checkpointIntervalMs: 1000 });
    const at = async () => (await checkpoints.get('commands', [0])).get(0);
    await writer.write(part(0, 5, [{ document: document('a', 1), stored: false }]));
    writer.confirm(part(0, 5, []));
    await writer.idle();
    expect(await at()).toBe(5);
    await writer.write(part(0, 9, [{ document: document('a', 2), stored: true }]));
    writer.confirm(part(0, 9, []));
    setNow(999);
    await writer.write(part(0, 12, [{ document: document('a', 3), stored: true }]));
    expect(await at()).toBe(5);
    setNow(1000);
    await writer.write(part(0, 14, [{ document: document('a', 4), stored: true }]));
    expect(await at()).toBe(9);
  });

  it('tries a failed write again until it is stored, and moves no checkpoint before', async () => {
    const { writer, snapshots, checkpoints, errors, failNext } = setUp();
    failNext(2);
    await writer.write(part(0, 3, [{ document: document('a', 1), stored: false }]));
    expect(errors).toHaveLength(2);
    expect(snapshots).toHaveLength(1);
    writer.confirm(part(0, 3, []));
    await writer.idle();
    expect((await checkpoints.get('commands', [0])).get(0)).toBe(3);
  });

  it('does not write a part whose lease ran out before its write could start', async () => {
    const { writer, snapshots, checkpoints, hold, setNow } = setUp({ leaseMs: 1000 });
    const release = hold();
    // Committed later than the part behind it: still within its lease when the clock has moved.
    const running = writer.write(part(0, 1, [{ document: document('a', 1), stored: false }], 1000));
    await Promise.resolve();
    const late = writer.write(part(1, 4, [{ document: document('b', 1), stored: false }], 0));
    setNow(1500);
    release();
    await running;
    await expect(late).rejects.toBeInstanceOf(SnapshotLeaseExpiredError);
    expect(snapshots.flat().map((w) => w.document.processInstanceKey)).toEqual(['a']);
    expect((await checkpoints.get('commands', [1])).get(1)).toBeUndefined();
  });

  it('stops a write between two of its commands once the lease ran out (a replica paused mid-write), moving no checkpoint', async () => {
    const checkpoints = new InMemoryPartitionCheckpointStore();
    let now = 0;
    const commandsSent: string[] = [];
    const writer = new SnapshotWriter({
      instances: {
        saveSnapshot: async (writes, fence) => {
          // Two commands, paused (SIGSTOP) for 2 s between them.
          fence?.();
          commandsSent.push('first');
          await Promise.resolve();
          now += 2000;
          fence?.();
          commandsSent.push('second');
          expect(writes).toHaveLength(1);
        },
      },
      jobs: { applyChanges: () => Promise.resolve() },
      checkpoints,
      topic: 'commands',
      leaseMs: 1000,
      now: () => now,
    });
    await expect(
      writer.write(part(4, 12, [{ document: document('a', 1), stored: false }])),
    ).rejects.toBeInstanceOf(SnapshotLeaseExpiredError);
    expect(commandsSent).toEqual(['first']);
    expect((await checkpoints.get('commands', [4])).get(4)).toBeUndefined();
  });
});
