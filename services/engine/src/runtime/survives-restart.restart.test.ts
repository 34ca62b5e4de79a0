// An instance survives a restart of every process: the engine replica, the Kafka broker and the
// MongoDB-wire database are all stopped while it waits at a service task, then started again,
// and the job is completed on the new replica. Runs alone, after the integration suite
// (`npm run test:integration`), since it stops the infrastructure the other suites use.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { rootVariables } from '@baton/engine-core';
import { uniqueName, waitFor } from '@baton/testing';
import type { EngineRuntime } from '../engine-runtime';
import { serviceTaskBpmn } from '../../test/fixtures/bpmn-fixtures';
import { realTestSettings, startRealRuntime } from '../../test/support/test-runtime';

const settings = realTestSettings('restart');
const infra = (script: 'up' | 'down') =>
  execFileSync('bash', [path.resolve(import.meta.dirname, '../../../../infra', `${script}.sh`)], {
    stdio: 'inherit',
    timeout: 300_000,
  });

let engine: EngineRuntime | undefined;
afterAll(async () => {
  await engine?.close();
});

it('completes an instance created before the engine, Kafka and the database were restarted', async () => {
  const processId = uniqueName('restart');
  const type = uniqueName('restart-job');
  engine = await startRealRuntime(settings);
  await engine.deploy([{ name: 'restart.bpmn', content: serviceTaskBpmn(processId, type) }]);
  const created = await engine.createInstance({
    processDefinitionId: processId,
    variables: { before: 'restart' },
  });
  await waitFor(
    async () => Object.keys((await engine!.getInstance(created.processInstanceKey))?.jobs ?? {}).length === 1,
    {
      timeoutMs: 30_000,
      description: 'the job of the instance',
    },
  );
  await engine.close();
  engine = undefined;

  infra('down');
  infra('up');

  engine = await startRealRuntime(settings);
  const [job] = await engine.activateJobs({
    type,
    worker: 'after-restart',
    timeoutMs: 30_000,
    maxJobsToActivate: 1,
    requestTimeoutMs: 30_000,
  });
  expect(job?.job.processInstanceKey).toBe(created.processInstanceKey);
  await engine.completeJob(job!.job.jobKey, { after: 'restart' });
  const done = await waitFor(
    async () => {
      const instance = await engine!.getInstance(created.processInstanceKey);
      return instance?.state === 'COMPLETED' ? instance : undefined;
    },
    { timeoutMs: 30_000, description: 'the instance to complete' },
  );
  expect(rootVariables(done)).toEqual({ before: 'restart', after: 'restart' });
}, 600_000);
