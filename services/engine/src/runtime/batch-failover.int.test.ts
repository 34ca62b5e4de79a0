// Two engine replicas as processes on Kafka + FerretDB; the one driving a batch cancellation is
// killed with SIGKILL in the middle of it. The survivor takes the operation over once the dead
// driver's lease has lapsed (15 s, found by its look every 5 s) and finishes it: every instance
// TERMINATED, every item COMPLETED and none FAILED. A cancel applied twice would show as a FAILED
// item (the second is refused: the instance has ended), so none failing means each item was
// applied once — also those whose command the victim had sent when it died.
import { uniqueName, waitFor } from '@baton/testing';
import { deployServiceTask, postTo, stopReplicas } from '../../test/support/instances-in-flight';
import { startReplicaProcess, type ReplicaProcess } from '../../test/support/replica-process';
import { realTestSettings } from '../../test/support/test-runtime';

jest.setTimeout(180_000);

const settings = realTestSettings('batch-failover');
const processId = uniqueName('batch-failover');
/** Instances to cancel: enough that the victim is still at it when it is killed. */
const instanceCount = 400;
const replicaEnv = { KAFKA_SESSION_TIMEOUT_MS: '6000', REQUEST_TIMEOUT_MS: '30000' };

let victim: ReplicaProcess;
let survivor: ReplicaProcess;

beforeAll(async () => {
  [victim, survivor] = await Promise.all([
    startReplicaProcess(settings, uniqueName('victim'), replicaEnv),
    startReplicaProcess(settings, uniqueName('survivor'), replicaEnv),
  ]);
}, 120_000);

afterAll(async () => {
  await stopReplicas([victim, survivor]);
}, 130_000);

async function getFrom(replica: ReplicaProcess, path: string): Promise<Record<string, unknown>> {
  const response = await fetch(replica.baseUrl + path, { headers: replica.authHeaders });
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(answer)}`);
  return answer;
}

async function countIn(replica: ReplicaProcess, state: string): Promise<number> {
  const answer = await postTo(replica, '/v2/process-instances/search', {
    filter: { processDefinitionId: processId, state },
    page: { limit: 1 },
  });
  return (answer['page'] as { totalItems: number }).totalItems;
}

it('finishes a batch cancellation whose driver was killed, applying each item once', async () => {
  expect(await deployServiceTask(victim, processId, uniqueName('never-worked'))).toBe(200);
  for (let started = 0; started < instanceCount; started += 20)
    await Promise.all(
      Array.from({ length: 20 }, () =>
        postTo(survivor, '/v2/process-instances', { processDefinitionId: processId }),
      ),
    );
  expect(await countIn(survivor, 'ACTIVE')).toBe(instanceCount);

  // Created through the victim: it drives the operation.
  const created = await postTo(victim, '/v2/process-instances/cancellation', {
    filter: { processDefinitionId: processId },
  });
  const path = `/v2/batch-operations/${String(created['batchOperationKey'])}`;
  const completedAtKill = await waitFor(
    async () => {
      const completed = (await getFrom(victim, path))['operationsCompletedCount'] as number;
      return completed >= 40 ? completed : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 10, description: 'the victim to be under way' },
  );
  victim.child.kill('SIGKILL');
  const killedAt = Date.now();
  expect(await victim.exited).toBe('SIGKILL');
  expect(completedAtKill).toBeLessThan(instanceCount);

  const operation = await waitFor(
    async () => {
      const found = await getFrom(survivor, path);
      return found['state'] === 'COMPLETED' ? found : undefined;
    },
    { timeoutMs: 150_000, intervalMs: 500, description: 'the survivor to finish the operation' },
  );
  console.info(
    `batch failover: ${completedAtKill} of ${instanceCount} items done at the SIGKILL; the survivor finished the rest ${Date.now() - killedAt} ms after it`,
  );
  expect(operation).toMatchObject({
    operationsTotalCount: instanceCount,
    operationsCompletedCount: instanceCount,
    operationsFailedCount: 0,
  });
  expect(await countIn(survivor, 'TERMINATED')).toBe(instanceCount);
  const failed = await postTo(survivor, '/v2/batch-operation-items/search', {
    filter: { batchOperationKey: created['batchOperationKey'], state: 'FAILED' },
  });
  expect(failed['items']).toEqual([]);
});
