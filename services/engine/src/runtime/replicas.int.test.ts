// Two engine replicas on the same Kafka topics and MongoDB database: replica A only serves the
// API, replica B applies every command. What a caller on A waits for must still reach A: the
// answer of an awaited creation (DESIGN §3.9) and the wake-up of a job long poll.
import { uniqueName } from '@baton/testing';
import type { EngineRuntime } from '../engine-runtime';
import { serviceTaskBpmn } from '../../test/fixtures/bpmn-fixtures';
import { realTestSettings, startRealRuntime } from '../../test/support/test-runtime';

const settings = realTestSettings('replicas');
let apiOnly: EngineRuntime;
let applier: EngineRuntime;

beforeAll(async () => {
  applier = await startRealRuntime(settings, { replicaId: uniqueName('applier') });
  apiOnly = await startRealRuntime(settings, { replicaId: uniqueName('api'), consumeCommands: false });
});
afterAll(async () => {
  await apiOnly.close();
  await applier.close();
});

it('answers a creation awaited on one replica when the instance completes on the other', async () => {
  const processId = uniqueName('across');
  const type = uniqueName('across-job');
  await apiOnly.deploy([{ name: 'across.bpmn', content: serviceTaskBpmn(processId, type) }]);
  const awaited = apiOnly.createInstance({
    processDefinitionId: processId,
    variables: { order: 7 },
    awaitCompletion: true,
    requestTimeoutMs: 30_000,
  });

  // The job is created by the applier; a worker polling the API-only replica is woken for it.
  const [job] = await apiOnly.activateJobs({
    type,
    worker: 'w',
    timeoutMs: 30_000,
    maxJobsToActivate: 1,
    requestTimeoutMs: 60_000,
  });
  expect(job?.variables).toEqual({ order: 7 });
  await apiOnly.completeJob(job!.job.jobKey, { shipped: true });

  const created = await awaited;
  expect(created.variables).toEqual({ order: 7, shipped: true });
  const stored = await applier.getInstance(created.processInstanceKey);
  expect(stored?.state).toBe('COMPLETED');
}, 45_000);
