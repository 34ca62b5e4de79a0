// A zombie replica — paused with SIGSTOP past its session timeout while it holds command
// partitions, then resumed once the survivor took them all — must not write anything visible
// after it lost them: it may still hold batches it committed and a snapshot write half done when
// it wakes up. Watched from the outside on the stored documents and partition checkpoints, which
// must never go backwards, and on the instances, which must all end COMPLETED exactly once.
import { connectMongoStores, type ConnectedMongoStores } from '@baton/store';
import { uniqueName, waitFor } from '@baton/testing';
import { batonTopics, instancePartitions } from '@baton/topics';
import type { KafkaBus } from '@baton/messaging';
import { startKafkaTestWorker, type KafkaTestWorker } from '../../test/support/kafka-test-worker';
import {
  completedCount,
  deployServiceTask,
  exactlyOnceFaults,
  partitionAssignments,
  postTo,
  stopReplicas,
} from '../../test/support/instances-in-flight';
import { jsonLogLines, startReplicaProcess, type ReplicaProcess } from '../../test/support/replica-process';
import { connectTestBus, realTestSettings } from '../../test/support/test-runtime';

const settings = realTestSettings('zombie');
const jobType = uniqueName('zombie-job');
const processId = uniqueName('zombie');
/** Instances created while the zombie pauses and wakes (`ZOMBIE_INSTANCES` to try other sizes). */
const instanceCount = Number(process.env['ZOMBIE_INSTANCES'] ?? 600);
const sessionTimeoutMs = 6000;
const replicaEnv = {
  KAFKA_JOB_TYPES: jobType,
  KAFKA_JOB_TIMEOUT_MS: '10000',
  KAFKA_SESSION_TIMEOUT_MS: String(sessionTimeoutMs),
  REQUEST_TIMEOUT_MS: '30000',
};
const commandsTopic = batonTopics(settings.topicPrefix).engineCommands.name;
const partitions = Array.from({ length: instancePartitions }, (_, partition) => partition);

let zombie: ReplicaProcess;
let survivor: ReplicaProcess;
let workerBus: KafkaBus;
let worker: KafkaTestWorker;
let stores: ConnectedMongoStores;
/** The store watch of the test, stopped in afterAll too should the test fail while it runs. */
let watch: ReturnType<typeof watchStore> | undefined;

beforeAll(async () => {
  [zombie, survivor] = await Promise.all([
    startReplicaProcess(settings, uniqueName('zombie'), replicaEnv),
    startReplicaProcess(settings, uniqueName('survivor'), replicaEnv),
  ]);
  workerBus = await connectTestBus(settings, 'zombie-worker');
  worker = await startKafkaTestWorker(workerBus, {
    topicPrefix: settings.topicPrefix,
    type: jobType,
    handle: () => ({ result: 'COMPLETE', variables: { worked: true } }),
  });
  stores = await connectMongoStores({ uri: settings.mongodbUri, dbName: settings.mongodbDatabase });
}, 120_000);

afterAll(async () => {
  watch?.halt();
  await worker?.close();
  await workerBus?.close();
  await stores?.close();
  await stopReplicas([zombie, survivor]);
}, 130_000);

interface Seen {
  readonly revision: number;
  readonly partition: number | undefined;
  readonly offset: number | undefined;
  readonly at: number;
}

/**
 * Reads the stored documents and checkpoints over and over until stopped, and records every read
 * that saw something older than an earlier read: a write the store took from a replica that no
 * longer owned the partition. The checkpoints go on their own, faster loop (one cheap read), since
 * the owner's next batch on the partition would cover up a regression within milliseconds.
 */
function watchStore(keysSoFar: () => readonly string[]) {
  const documents = new Map<string, Seen>();
  const checkpoints = new Map<number, { offset: number; at: number }>();
  const regressions: string[] = [];
  const reads = { documentRounds: 0, checkpointRounds: 0, lastDocumentRoundAt: 0, lastCheckpointRoundAt: 0 };
  let stopped = false;

  const readDocuments = async (): Promise<void> => {
    const keys = [...keysSoFar()];
    const found = await stores.instances.getMany(keys);
    const at = Date.now();
    for (const [key, document] of found) {
      const now: Seen = {
        revision: document.revision,
        partition: document.logPosition?.partition,
        offset: document.logPosition?.offset,
        at,
      };
      const before = documents.get(key);
      documents.set(key, now);
      if (!before) continue;
      const describe = (seen: Seen) =>
        `revision ${seen.revision} at ${seen.partition}:${seen.offset} (read ${new Date(seen.at).toISOString()})`;
      if (now.revision < before.revision)
        regressions.push(`instance ${key}: revision went back from ${describe(before)} to ${describe(now)}`);
      if (before.offset !== undefined && now.offset === undefined)
        regressions.push(`instance ${key}: logPosition vanished after ${describe(before)}`);
      else if (before.partition !== undefined && now.partition !== before.partition)
        regressions.push(
          `instance ${key}: logPosition changed partition, ${describe(before)} → ${describe(now)}`,
        );
      else if (before.offset !== undefined && now.offset !== undefined && now.offset < before.offset)
        regressions.push(
          `instance ${key}: logPosition went back from ${describe(before)} to ${describe(now)}`,
        );
    }
    reads.documentRounds++;
    reads.lastDocumentRoundAt = at;
  };

  const readCheckpoints = async (): Promise<void> => {
    const found = await stores.checkpoints.get(commandsTopic, partitions);
    const at = Date.now();
    for (const [partition, offset] of found) {
      const before = checkpoints.get(partition);
      checkpoints.set(partition, { offset, at });
      if (before && offset < before.offset)
        regressions.push(
          `checkpoint of partition ${partition} went back from ${before.offset} (read ${new Date(before.at).toISOString()}) to ${offset} (read ${new Date(at).toISOString()})`,
        );
    }
    reads.checkpointRounds++;
    reads.lastCheckpointRoundAt = at;
  };

  // A read that fails (the database busy) is simply tried again: only what was read counts.
  const loop = async (read: () => Promise<void>, pauseMs: number): Promise<void> => {
    while (!stopped) {
      await read().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  };
  const loops = Promise.all([loop(readDocuments, 0), loop(readCheckpoints, 20)]);

  return {
    regressions,
    reads,
    checkpoints,
    /** Stops the loops without reading again. */
    halt(): void {
      stopped = true;
    },
    /** Stops the loops, then reads everything once more: the final state is compared too. */
    async stop(): Promise<void> {
      stopped = true;
      await loops;
      await readDocuments();
      await readCheckpoints();
    },
  };
}

it('lets nothing a zombie replica does after its pause reach the store', async () => {
  expect(await deployServiceTask(survivor, processId, jobType)).toBe(200);

  const keys: string[] = [];
  let stoppedAt = 0;
  let next = 0;
  // The second half is created once the survivor took over, so that every partition has new
  // commands for it (creates are answered once in the log: all could be done before the takeover).
  let tookOver!: () => void;
  const takenOver = new Promise<void>((resolve) => (tookOver = resolve));
  const createOne = async (): Promise<void> => {
    while (next < instanceCount) {
      if (next >= Math.floor(instanceCount / 2)) {
        await takenOver;
        if (next >= instanceCount) break;
      }
      next++;
      const created = await postTo(survivor, '/v2/process-instances', {
        processDefinitionId: processId,
        variables: { n: next },
      });
      keys.push(created['processInstanceKey'] as string);
      if (keys.length === Math.floor(instanceCount / 2) && stoppedAt === 0) {
        // Mid-flight: it holds half the partitions, with batches committed and snapshots being written.
        zombie.child.kill('SIGSTOP');
        stoppedAt = Date.now();
        watch = watchStore(() => keys);
      }
    }
  };
  const creation = Promise.all(Array.from({ length: 20 }, createOne));
  // A creator that fails ends the waits below early, with its error rather than a timeout.
  const unlessCreationFails = <T>(wait: Promise<T>): Promise<T> =>
    Promise.race([wait, creation.then(() => wait)]);

  await unlessCreationFails(
    waitFor(() => stoppedAt > 0, {
      timeoutMs: 60_000,
      description: 'half the instances created and the zombie paused',
    }),
  );
  const storeWatch = await waitFor(
    () => (watch && watch.reads.documentRounds > 0 && watch.reads.checkpointRounds > 0 ? watch : undefined),
    { timeoutMs: 30_000, description: 'the store watch to have read documents and checkpoints' },
  );
  // The group expels the silent zombie a session timeout after its last heartbeat.
  const takeoverAt = await unlessCreationFails(
    waitFor(
      () =>
        partitionAssignments(survivor).find(
          ({ held, at }) => held === partitions.join(', ') && at >= stoppedAt,
        )?.at,
      { timeoutMs: 60_000, intervalMs: 100, description: 'the survivor to take over every partition' },
    ),
  );
  tookOver();
  // Resumed only once the survivor wrote over every partition (its replay of what the zombie had
  // committed, then new batches): whatever the zombie writes afterwards would be older, and seen.
  const checkpointsAtTakeover = new Map(
    [...storeWatch.checkpoints].map(([partition, { offset }]) => [partition, offset]),
  );
  const survivorWroteAt = await unlessCreationFails(
    waitFor(
      () =>
        partitions.every(
          (partition) =>
            (storeWatch.checkpoints.get(partition)?.offset ?? -1) >
            (checkpointsAtTakeover.get(partition) ?? -1),
        )
          ? Date.now()
          : undefined,
      { timeoutMs: 30_000, intervalMs: 20, description: 'the survivor to move every checkpoint on' },
    ),
  );
  zombie.child.kill('SIGCONT');
  const resumedAt = Date.now();
  const pauseMs = resumedAt - stoppedAt;
  expect(pauseMs).toBeGreaterThan(sessionTimeoutMs);

  // Either the zombie finds a snapshot past its lease and exits (70), or — nothing committed was
  // left unwritten — its fenced transactions fail, it rejoins, and the group hands it partitions.
  const fate = await waitFor(
    () => {
      if (zombie.child.exitCode !== null || zombie.child.signalCode !== null)
        return { kind: 'exited' as const, at: Date.now() };
      const rejoined = partitionAssignments(zombie).find(({ held, at }) => held !== '' && at >= resumedAt);
      return rejoined && { kind: 'rejoined' as const, at: rejoined.at };
    },
    { timeoutMs: 60_000, intervalMs: 100, description: 'the zombie to exit or rejoin the group' },
  );

  await creation;
  await waitFor(async () => (await completedCount(survivor, processId)) === instanceCount, {
    timeoutMs: 120_000,
    intervalMs: 500,
    description: `all ${instanceCount} instances COMPLETED`,
  });
  const completedMs = Date.now() - stoppedAt;
  await storeWatch.stop();

  const exitCode = zombie.child.exitCode;
  const zombieLog = jsonLogLines(zombie.output());
  const leaseLine = zombieLog.find(({ msg }) =>
    String(msg).includes('could not be stored (its lease expired'),
  );
  const zombieFate =
    fate.kind === 'exited'
      ? `exited with ${zombie.child.signalCode ?? exitCode} ${fate.at - resumedAt} ms after SIGCONT (${String((leaseLine?.['err'] as { message?: unknown } | undefined)?.message)})`
      : `rejoined the group ${fate.at - resumedAt} ms after SIGCONT, holding [${partitionAssignments(zombie).at(-1)?.held}] at the end`;
  const { reads } = storeWatch;
  console.info(
    [
      `zombie: paused ${pauseMs} ms (session timeout ${sessionTimeoutMs} ms)`,
      `the survivor took over every partition ${takeoverAt - stoppedAt} ms after SIGSTOP and moved every checkpoint on ${survivorWroteAt - takeoverAt} ms later`,
      `all ${instanceCount} instances COMPLETED ${completedMs} ms after SIGSTOP; ${worker.received.length} job deliveries`,
      `the zombie ${zombieFate}`,
      `store watch: ${reads.documentRounds} document rounds, ${reads.checkpointRounds} checkpoint rounds, final checkpoints ${JSON.stringify(Object.fromEntries([...storeWatch.checkpoints].map(([partition, { offset }]) => [partition, offset])))}`,
    ].join('\n'),
  );

  if (fate.kind === 'exited') {
    // The only exit a zombie may take is the lease's: anything else is a crash.
    expect(zombie.child.signalCode ?? String(exitCode)).toBe('70');
    expect(leaseLine).toBeDefined();
  } else {
    // A normal member again: still running and answering, with partitions of its own.
    expect(zombie.child.exitCode).toBeNull();
    expect(partitionAssignments(zombie).at(-1)?.held).not.toBe('');
    expect((await fetch(`${zombie.baseUrl}/health`)).ok).toBe(true);
  }

  // The watch read on both sides of SIGCONT, up to the end: a regression could have been seen.
  expect(reads.lastDocumentRoundAt).toBeGreaterThan(resumedAt);
  expect(reads.lastCheckpointRoundAt).toBeGreaterThan(resumedAt);
  expect(storeWatch.checkpoints.size).toBe(instancePartitions);
  expect(storeWatch.regressions).toEqual([]);

  // Exactly once: one completion of the task and of the end event per instance, in the stored documents.
  const documents = await stores.instances.getMany(keys);
  expect(documents.size).toBe(instanceCount);
  expect(exactlyOnceFaults(documents)).toEqual([]);
}, 170_000);
