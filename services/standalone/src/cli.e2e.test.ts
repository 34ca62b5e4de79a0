// The `baton` CLI end to end: the real embedded engine and REST API on port 0, driven through
// runCli exactly as a user types the commands, plus the real launcher in a child process.
import { execFile } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  runCli,
  type ActivateJobsResponse,
  type ActivatedJob,
  type CreateInstanceResponse,
  type DeploymentResponse,
  type ProcessInstance,
  type ProcessInstanceSearchResponse,
} from '@baton/client';
import {
  createEngineRuntime,
  startHttpServer,
  type EngineRuntime,
  type RunningHttpServer,
} from '@baton/engine';
import { testAuthenticator, testToken, uniqueName, waitFor } from '@baton/testing';
import { WORKER_ROLE } from '@baton/platform';

const execFileAsync = promisify(execFile);
const repositoryRoot = resolve(import.meta.dirname, '..', '..', '..');

/** A process with one service task whose job type is unique to this run. */
function serviceTaskProcess(processId: string, jobType: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Definitions_${processId}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${processId}" name="CLI end-to-end" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="ToCharge" sourceRef="Start" targetRef="Charge" />
    <bpmn:serviceTask id="Charge" name="Charge the card">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="${jobType}" retries="3" />
      </bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="ToEnd" sourceRef="Charge" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>
`;
}

/** An address nothing listens on: a port bound once, then released. */
async function closedPortAddress(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

interface CliRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as JSON; undefined when the command failed. */
  readonly json: unknown;
}

/** The JSON a successful command printed, as the REST type it prints. */
function printed<T>(run: CliRun): T {
  expect(run).toMatchObject({ exitCode: 0, stderr: '' });
  return run.json as T;
}

describe('baton CLI against the embedded engine', () => {
  const processId = uniqueName('cli-order');
  const jobType = uniqueName('charge-card');
  let engine: EngineRuntime;
  let server: RunningHttpServer;
  let address: string;
  let directory: string;
  /** The operator token every command sends through BATON_TOKEN: the server runs with auth on. */
  let operatorToken: string;

  /** Runs one command line the way `BATON_TOKEN=… npx baton … --address <server>` would. */
  async function baton(...argv: string[]): Promise<CliRun> {
    return batonWith({ BATON_TOKEN: operatorToken }, ...argv);
  }

  async function batonWith(env: Record<string, string>, ...argv: string[]): Promise<CliRun> {
    let stdout = '';
    let stderr = '';
    const exitCode = await runCli([...argv, '--address', address], {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env,
      cwd: directory,
    });
    return {
      exitCode,
      stdout,
      stderr,
      json: exitCode === 0 && stdout !== '' ? JSON.parse(stdout) : undefined,
    };
  }

  /** Activates the next job of this run's type through the CLI (long poll, so no sleeping). */
  async function activateOneJob(): Promise<ActivatedJob> {
    const { jobs } = printed<ActivateJobsResponse>(
      await baton('activate', 'jobs', jobType, '--worker', 'cli-e2e', '--requestTimeout', '5000'),
    );
    expect(jobs).toHaveLength(1);
    return jobs[0]!;
  }

  const instanceState = async (key: string) =>
    (await baton('get', 'instance', key)).json as ProcessInstance | undefined;

  beforeAll(async () => {
    engine = await createEngineRuntime();
    operatorToken = await testToken();
    server = await startHttpServer(engine, {
      port: 0,
      host: '127.0.0.1',
      shutdownGraceMs: 500,
      authenticator: testAuthenticator(),
    });
    address = `http://127.0.0.1:${server.port}`;
    directory = await mkdtemp(join(tmpdir(), 'baton-cli-e2e-'));
    await writeFile(join(directory, 'order.bpmn'), serviceTaskProcess(processId, jobType));

    const deployed = printed<DeploymentResponse>(await baton('deploy', 'order.bpmn'));
    expect(deployed.deployments).toEqual([
      {
        processDefinition: {
          processDefinitionId: processId,
          processDefinitionVersion: 1,
          processDefinitionKey: expect.stringMatching(/^\d+$/),
          resourceName: 'order.bpmn',
          tenantId: '<default>',
        },
      },
    ]);
  });

  afterAll(async () => {
    await server?.close();
    await engine?.close();
    if (directory) await rm(directory, { recursive: true, force: true });
  });

  it('creates an instance with result while its job is activated and completed through the CLI', async () => {
    const creation = baton(
      'create',
      'instance',
      processId,
      '--withResult',
      '--variables',
      '{"orderId": "1234"}',
      '--requestTimeout',
      '10000',
    );

    const job = await activateOneJob();
    expect(job).toMatchObject({
      type: jobType,
      worker: 'cli-e2e',
      elementId: 'Charge',
      processDefinitionId: processId,
      variables: { orderId: '1234' },
    });
    const completed = await baton('complete', 'job', job.jobKey, '--variables', '{"paid": true}');
    expect(completed).toMatchObject({ exitCode: 0, stderr: '' });

    const created = await creation;
    expect(printed<CreateInstanceResponse>(created)).toEqual({
      processDefinitionKey: expect.stringMatching(/^\d+$/),
      processDefinitionId: processId,
      processDefinitionVersion: 1,
      processInstanceKey: job.processInstanceKey,
      tenantId: '<default>',
      variables: { orderId: '1234', paid: true },
    });
    expect(created.stdout).toBe(`${JSON.stringify(created.json, null, 2)}\n`);

    const fetched = printed<ProcessInstance>(await baton('get', 'instance', job.processInstanceKey));
    expect(fetched).toMatchObject({
      processInstanceKey: job.processInstanceKey,
      state: 'COMPLETED',
      processDefinitionId: processId,
    });

    const found = printed<ProcessInstanceSearchResponse>(
      await baton('search', 'instances', '--processDefinitionId', processId, '--state', 'completed'),
    );
    expect(found.items.map((item) => item.processInstanceKey)).toContain(job.processInstanceKey);
    expect(
      found.items.every((item) => item.state === 'COMPLETED' && item.processDefinitionId === processId),
    ).toBe(true);
  }, 20_000);

  it('returns only the fetched variables', async () => {
    const creation = baton(
      'create',
      'instance',
      processId,
      '--withResult',
      '--fetchVariables',
      'paid',
      '--variables',
      '{"orderId": "7"}',
    );
    const job = await activateOneJob();
    await baton('complete', 'job', job.jobKey, '--variables', '{"paid": false}');
    expect(printed<CreateInstanceResponse>(await creation).variables).toEqual({ paid: false });
  }, 20_000);

  it('cancels a running instance', async () => {
    const created = printed<CreateInstanceResponse>(await baton('create', 'instance', processId));
    expect(created).toMatchObject({ processDefinitionId: processId, variables: {} });
    const key = created.processInstanceKey;
    await waitFor(async () => (await instanceState(key))?.state === 'ACTIVE', {
      description: 'instance active',
    });

    expect(await baton('cancel', 'instance', key)).toMatchObject({
      exitCode: 0,
      json: { processInstanceKey: key, canceled: true },
    });
    await waitFor(async () => (await instanceState(key))?.state === 'TERMINATED', {
      description: 'instance terminated',
    });
    const terminated = printed<ProcessInstanceSearchResponse>(
      await baton('search', 'instances', '--processDefinitionId', processId, '--state', 'TERMINATED'),
    );
    expect(terminated.items.map((item) => item.processInstanceKey)).toContain(key);
  }, 20_000);

  it('raises an incident when a job fails with no retries left', async () => {
    const created = printed<CreateInstanceResponse>(await baton('create', 'instance', processId));
    const job = await activateOneJob();
    expect(job.processInstanceKey).toBe(created.processInstanceKey);
    const failed = await baton(
      'fail',
      'job',
      job.jobKey,
      '--retries',
      '0',
      '--errorMessage',
      'card declined',
    );
    expect(failed).toMatchObject({ exitCode: 0, json: { jobKey: job.jobKey, failed: true, retries: 0 } });
    await waitFor(async () => (await instanceState(job.processInstanceKey))?.hasIncident === true, {
      description: 'incident on the instance',
    });
    await baton('cancel', 'instance', job.processInstanceKey);
  }, 20_000);

  it('reports API errors on stderr with exit code 1', async () => {
    expect(await baton('create', 'instance', uniqueName('no-such-process'))).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'Error: NOT_FOUND: Process definition not found.\n',
      json: undefined,
    });
    const missing = await baton('get', 'instance', '999999999');
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toMatch(/^Error: NOT_FOUND: .+\n$/);
    const unknownJob = await baton('complete', 'job', '999999999');
    expect(unknownJob.exitCode).toBe(1);
    expect(unknownJob.stderr).toMatch(/^Error: NOT_FOUND: .+\n$/);
  });

  it('sends --token or BATON_TOKEN, and says so when the token is missing or lacks the role', async () => {
    const noToken = await batonWith({}, 'status');
    expect(noToken.exitCode).toBe(1);
    expect(noToken.stderr).toBe(
      'Error: UNAUTHORIZED: Authentication required: send "Authorization: Bearer <JWT>".\n',
    );
    const workerToken = await testToken([WORKER_ROLE]);
    const asWorker = await batonWith({}, 'deploy', 'order.bpmn', '--token', workerToken);
    expect(asWorker.exitCode).toBe(1);
    expect(asWorker.stderr).toMatch(
      /^Error: FORBIDDEN: POST \/v2\/deployments needs the role baton-operator/,
    );
    // --token wins over BATON_TOKEN.
    const flagWins = await batonWith({ BATON_TOKEN: 'not-a-jwt' }, 'status', '--token', operatorToken);
    expect(flagWins.exitCode).toBe(0);
  });

  it('reports usage errors with exit code 2 and creates nothing', async () => {
    const countInstances = async () =>
      printed<ProcessInstanceSearchResponse>(
        await baton('search', 'instances', '--processDefinitionId', processId),
      ).page.totalItems;
    const before = await countInstances();
    const invalid = await baton('create', 'instance', processId, '--variables', '{"orderId": ');
    expect(invalid.exitCode).toBe(2);
    expect(invalid.stdout).toBe('');
    expect(invalid.stderr).toMatch(
      /^Error: --variables is not valid JSON .*\n\nUsage: baton create instance ID \[options\]/,
    );
    expect(await countInstances()).toBe(before);
  });

  describe('the launcher, in a child process', () => {
    it('runs `node libs/client/bin/baton.js status` against the server', async () => {
      const { stdout } = await execFileAsync(
        process.execPath,
        ['libs/client/bin/baton.js', 'status', '--address', address],
        {
          cwd: repositoryRoot,
          env: { ...process.env, BATON_TOKEN: operatorToken },
          timeout: 15_000,
        },
      );
      const topology = JSON.parse(stdout) as {
        clusterSize: number;
        partitionsCount: number;
        gatewayVersion: string;
      };
      expect(topology).toMatchObject({ clusterSize: 1, gatewayVersion: expect.any(String) });
      expect(topology.partitionsCount).toBeGreaterThan(0);
    }, 20_000);

    it('runs `npx baton --help` from the repository root', async () => {
      const { stdout } = await execFileAsync('npx', ['--no-install', 'baton', '--help'], {
        cwd: repositoryRoot,
        timeout: 30_000,
      });
      expect(stdout).toContain('Usage: baton <command> [options]');
      expect(stdout).toContain('create instance ID');
    }, 40_000);

    it('exits 1 with the address when nothing listens there', async () => {
      const closedAddress = await closedPortAddress();
      const child = execFileAsync(process.execPath, ['libs/client/bin/baton.js', 'status'], {
        cwd: repositoryRoot,
        timeout: 15_000,
        env: { ...process.env, BATON_ADDRESS: closedAddress },
      });
      await expect(child).rejects.toMatchObject({
        code: 1,
        stdout: '',
        stderr: expect.stringContaining(`Error: cannot reach Baton at ${closedAddress}: ECONNREFUSED`),
      });
    }, 20_000);
  });
});
