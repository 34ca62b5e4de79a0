// A job handed to a Kafka worker is held back from the job store for a moment (job-hold.ts). If
// the replica holding it dies within that moment and the worker never answers the job, the job
// must still be handed out again: the partition's next owner replays the batch that made it and
// restores the open jobs of the instances it finds stored. The lock of the first delivery is long
// (60 s) and the test gives up well before it ends, so only the restore can bring the job back.
import { uniqueName, waitFor } from '@baton/testing';
import type { KafkaBus } from '@baton/messaging';
import {
  completedCount,
  deployServiceTask,
  partitionAssignments,
  postTo,
  stopReplicas,
} from '../../test/support/instances-in-flight';
import { startKafkaTestWorker, type KafkaTestWorker } from '../../test/support/kafka-test-worker';
import { startReplicaProcess, type ReplicaProcess } from '../../test/support/replica-process';
import { connectTestBus, realTestSettings } from '../../test/support/test-runtime';

const settings = realTestSettings('held-job');
const jobType = uniqueName('held-job');
const processId = uniqueName('held-job');
const replicaEnv = {
  KAFKA_JOB_TYPES: jobType,
  KAFKA_JOB_TIMEOUT_MS: '60000',
  KAFKA_SESSION_TIMEOUT_MS: '6000',
  REQUEST_TIMEOUT_MS: '30000',
};

let victim: ReplicaProcess;
let survivor: ReplicaProcess;
let workerBus: KafkaBus;
let worker: KafkaTestWorker;

beforeAll(async () => {
  victim = await startReplicaProcess(settings, uniqueName('victim'), replicaEnv);
  workerBus = await connectTestBus(settings, 'held-job-worker');
  // The first delivery of each job is dropped, as by a worker that died with it.
  worker = await startKafkaTestWorker(workerBus, {
    topicPrefix: settings.topicPrefix,
    type: jobType,
    handle: (_job, delivery) => (delivery === 1 ? undefined : { result: 'COMPLETE', variables: {} }),
  });
}, 120_000);

afterAll(async () => {
  await worker?.close();
  await workerBus?.close();
  await stopReplicas([victim, survivor]);
}, 130_000);

it('hands a job out again when the replica holding it back dies before writing it', async () => {
  expect(await deployServiceTask(victim, processId, jobType)).toBe(200);
  const created = await postTo(victim, '/v2/process-instances', { processDefinitionId: processId });
  const key = created['processInstanceKey'] as string;
  // The create is answered once its command is in the log; a read on the same replica waits until
  // the instance is stored, so the kill below comes after the batch's write, not before it. (Had
  // the victim died before that write, the survivor would replay the create itself and lock the
  // job to the worker again: it would come back only when that lock ends.)
  const read = await fetch(`${victim.baseUrl}/v2/process-instances/${key}`, { headers: victim.authHeaders });
  expect(read.status).toBe(200);
  // The job reached the worker with the commit of its batch; the victim holds it back from the
  // store for a second from that batch's write, and dies within it.
  await waitFor(() => worker.received.length > 0, { timeoutMs: 20_000, description: 'the first delivery' });
  victim.child.kill('SIGKILL');
  const killedAt = Date.now();
  expect(await victim.exited).toBe('SIGKILL');

  survivor = await startReplicaProcess(settings, uniqueName('survivor'), replicaEnv);
  await waitFor(() => partitionAssignments(survivor).some(({ held, at }) => held !== '' && at >= killedAt), {
    timeoutMs: 60_000,
    intervalMs: 100,
    description: 'the survivor to take the partitions over',
  });
  await waitFor(async () => (await completedCount(survivor, processId)) === 1, {
    timeoutMs: 40_000,
    intervalMs: 250,
    description: 'the instance COMPLETED by the second delivery of its job',
  });
  expect(worker.received.map(({ job }) => job.processInstanceKey)).toEqual([key, key]);
}, 240_000);
