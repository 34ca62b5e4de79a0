// Two engine replicas share the command partitions; one is killed with SIGKILL while many
// instances of start → service task → end are in flight, their jobs worked by a Kafka worker.
// Every instance must end COMPLETED with its job applied exactly once, and the survivor must
// take over the dead replica's partitions within 15 s (the commands the dead replica committed but
// did not store are replayed by the survivor from the partition checkpoints).
import { connectMongoStores } from '@baton/store';
import { uniqueName, waitFor } from '@baton/testing';
import type { KafkaBus } from '@baton/messaging';
import {
  completedCount,
  deployServiceTask,
  exactlyOnceFaults,
  partitionAssignments,
  postTo,
  stopReplicas,
} from '../../test/support/instances-in-flight';
import { startKafkaTestWorker, type KafkaTestWorker } from '../../test/support/kafka-test-worker';
import { startReplicaProcess, type ReplicaProcess } from '../../test/support/replica-process';
import { connectTestBus, realTestSettings } from '../../test/support/test-runtime';

const settings = realTestSettings('failover');
const jobType = uniqueName('failover-job');
const processId = uniqueName('failover');
/** Instances in flight when the replica is killed (`FAILOVER_INSTANCES` to try other sizes). */
const instanceCount = Number(process.env['FAILOVER_INSTANCES'] ?? 1000);
const replicaEnv = {
  KAFKA_JOB_TYPES: jobType,
  KAFKA_JOB_TIMEOUT_MS: '10000',
  KAFKA_SESSION_TIMEOUT_MS: '6000',
  REQUEST_TIMEOUT_MS: '30000',
};

let victim: ReplicaProcess;
let survivor: ReplicaProcess;
let workerBus: KafkaBus;
let worker: KafkaTestWorker;

beforeAll(async () => {
  [victim, survivor] = await Promise.all([
    startReplicaProcess(settings, uniqueName('victim'), replicaEnv),
    startReplicaProcess(settings, uniqueName('survivor'), replicaEnv),
  ]);
  workerBus = await connectTestBus(settings, 'failover-worker');
  worker = await startKafkaTestWorker(workerBus, {
    topicPrefix: settings.topicPrefix,
    type: jobType,
    handle: () => ({ result: 'COMPLETE', variables: { worked: true } }),
  });
}, 120_000);

afterAll(async () => {
  await worker?.close();
  await workerBus?.close();
  await stopReplicas([victim, survivor]);
}, 130_000);

it('completes every instance exactly once when a replica is killed mid-flight', async () => {
  expect(await deployServiceTask(survivor, processId, jobType)).toBe(200);

  const keys: string[] = [];
  let killedAt = 0;
  let next = 0;
  const createOne = async (): Promise<void> => {
    while (next < instanceCount) {
      next++;
      const created = await postTo(survivor, '/v2/process-instances', {
        processDefinitionId: processId,
        variables: { n: next },
      });
      keys.push(created['processInstanceKey'] as string);
      if (keys.length === instanceCount / 2 && killedAt === 0) {
        victim.child.kill('SIGKILL');
        killedAt = Date.now();
      }
    }
  };
  await Promise.all(Array.from({ length: 20 }, createOne));
  expect(await victim.exited).toBe('SIGKILL');

  // Takeover: the survivor logs when the group hands it every command partition.
  const takeoverAt = await waitFor(
    () =>
      partitionAssignments(survivor).find(
        ({ held, at }) => held === '0, 1, 2, 3, 4, 5, 6, 7' && at >= killedAt,
      )?.at,
    { timeoutMs: 60_000, intervalMs: 100, description: 'the survivor to take over every partition' },
  );
  const takeoverMs = takeoverAt - killedAt;
  console.info(`failover: the survivor took over every partition ${takeoverMs} ms after the SIGKILL`);
  // The session timeout (6 s here) and the rebalance; the bound is 15 s.
  expect(takeoverMs).toBeLessThanOrEqual(15_000);

  await waitFor(async () => (await completedCount(survivor, processId)) === instanceCount, {
    timeoutMs: 300_000,
    intervalMs: 500,
    description: `all ${instanceCount} instances COMPLETED`,
  });
  const completedMs = Date.now() - killedAt;
  console.info(
    `failover: all ${instanceCount} instances COMPLETED ${completedMs} ms after the SIGKILL; ${worker.received.length} job deliveries`,
  );

  // Exactly once: one completion of the task and of the end event per instance, in the stored documents.
  const stores = await connectMongoStores({ uri: settings.mongodbUri, dbName: settings.mongodbDatabase });
  try {
    const documents = await stores.instances.getMany(keys);
    expect(documents.size).toBe(instanceCount);
    expect(exactlyOnceFaults(documents)).toEqual([]);
  } finally {
    await stores.close();
  }
}, 420_000);
