// Two engine replicas share the command partitions; one is killed with SIGKILL while many
// instances of start → service task → end are in flight, their jobs worked by a Kafka worker.
// Every instance must end COMPLETED with its job applied exactly once, and the survivor must
// take over the dead replica's partitions within 30 s.
import { connectMongoStores } from '@baton/store';
import { uniqueName, waitFor } from '@baton/testing';
import type { KafkaBus } from '@baton/messaging';
import { serviceTaskBpmn } from '../../test/fixtures/bpmn-fixtures';
import { startKafkaTestWorker, type KafkaTestWorker } from '../../test/support/kafka-test-worker';
import { jsonLogLines, startReplicaProcess, type ReplicaProcess } from '../../test/support/replica-process';
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
  for (const replica of [victim, survivor]) {
    if (replica && replica.child.exitCode === null && replica.child.signalCode === null) {
      replica.child.kill('SIGTERM');
      // A replica stops after its batch in flight; past a minute something is wrong: do not leak it.
      const stopped = await Promise.race([
        replica.exited,
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 60_000).unref()),
      ]);
      if (stopped === undefined) {
        replica.child.kill('SIGKILL');
        throw new Error(
          `replica ${replica.replicaId} did not stop within 60 s of SIGTERM:\n${replica.output().slice(-2000)}`,
        );
      }
    }
  }
}, 130_000);

async function post(baseUrl: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(baseUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...survivor.authHeaders },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(answer)}`);
  return answer;
}

async function completedCount(): Promise<number> {
  const answer = await post(survivor.baseUrl, '/v2/process-instances/search', {
    filter: { processDefinitionId: processId, state: 'COMPLETED' },
    page: { limit: 1 },
  });
  return (answer['page'] as { totalItems: number }).totalItems;
}

it('completes every instance exactly once when a replica is killed mid-flight', async () => {
  const form = new FormData();
  form.append(
    'resources',
    new Blob([serviceTaskBpmn(processId, jobType)], { type: 'application/xml' }),
    'failover.bpmn',
  );
  expect(
    (
      await fetch(`${survivor.baseUrl}/v2/deployments`, {
        method: 'POST',
        headers: survivor.authHeaders,
        body: form,
      })
    ).status,
  ).toBe(200);

  const keys: string[] = [];
  let killedAt = 0;
  let next = 0;
  const createOne = async (): Promise<void> => {
    while (next < instanceCount) {
      next++;
      const created = await post(survivor.baseUrl, '/v2/process-instances', {
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
    () => {
      const takeover = /^applies the commands of partitions \[0, 1, 2, 3, 4, 5, 6, 7\] since (\S+)$/;
      const since = jsonLogLines(survivor.output()).map(({ msg }) => takeover.exec(String(msg))?.[1]);
      const times = since
        .filter((time) => time !== undefined)
        .map((time) => Date.parse(time))
        .filter((time) => time >= killedAt);
      return times[0];
    },
    { timeoutMs: 60_000, intervalMs: 100, description: 'the survivor to take over every partition' },
  );
  const takeoverMs = takeoverAt - killedAt;
  console.info(`failover: the survivor took over every partition ${takeoverMs} ms after the SIGKILL`);
  expect(takeoverMs).toBeLessThanOrEqual(30_000);

  await waitFor(async () => (await completedCount()) === instanceCount, {
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
    const faults: string[] = [];
    for (const [key, document] of documents) {
      const completions = (id: string) =>
        (document.completedElementIds ?? []).filter((element: string) => element === id).length;
      if (document.state !== 'COMPLETED' || completions('work') !== 1 || completions('end') !== 1) {
        faults.push(`${key}: ${document.state}, work×${completions('work')}, end×${completions('end')}`);
      }
      if (document.variables[key]?.['worked'] !== true)
        faults.push(`${key}: the worker's variables are missing`);
    }
    expect(faults).toEqual([]);
  } finally {
    await stores.close();
  }
}, 420_000);
