// runCli end to end against a scripted HTTP server: what the user sees on stdout and stderr,
// and the exit codes (0 ok, 1 API or file failure, 2 usage error).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  closedPortAddress,
  startStubRestServer,
  type StubRestServer,
} from '../test-support/stub-rest-server';
import { runCli } from './run-cli';

interface Captured {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function run(argv: string[], env: Record<string, string | undefined>, cwd?: string): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const exitCode = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env,
    ...(cwd !== undefined && { cwd }),
  });
  return { exitCode, stdout, stderr };
}

describe('runCli', () => {
  let server: StubRestServer;
  let env: Record<string, string>;

  beforeEach(async () => {
    server = await startStubRestServer();
    env = { BATON_ADDRESS: server.address };
  });
  afterEach(() => server.close());

  it('prints the created instance as pretty JSON, like zbctl create instance --withResult', async () => {
    const answer = {
      processDefinitionKey: '2251799813685249',
      processDefinitionId: 'order-process',
      processDefinitionVersion: 1,
      processInstanceKey: '2251799813685251',
      tenantId: '<default>',
      variables: { orderId: '1234', total: 10 },
    };
    server.answer({ status: 200, body: answer });
    const result = await run(
      ['create', 'instance', 'order-process', '--withResult', '--variables', '{"orderId": "1234"}'],
      env,
    );
    expect(result).toEqual({ exitCode: 0, stdout: `${JSON.stringify(answer, null, 2)}\n`, stderr: '' });
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({
      processDefinitionId: 'order-process',
      variables: { orderId: '1234' },
      awaitCompletion: true,
    });
  });

  it('prefers --address over BATON_ADDRESS', async () => {
    const other = await startStubRestServer();
    try {
      other.answer({ status: 200, body: { brokers: [] } });
      const result = await run(['status', '--address', other.address], { BATON_ADDRESS: server.address });
      expect(result.exitCode).toBe(0);
      expect(other.requests.map((request) => request.path)).toEqual(['/v2/topology']);
      expect(server.requests).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('sends BATON_TOKEN as a bearer token', async () => {
    server.answer({ status: 200, body: {} });
    await run(['status'], { ...env, BATON_TOKEN: 'abc' });
    expect(server.requests[0]?.headers.authorization).toBe('Bearer abc');
  });

  it('prefers --token over BATON_TOKEN, anywhere on the command line', async () => {
    server.answer({ status: 200, body: {} });
    await run(['status', '--token', 'from-flag'], { ...env, BATON_TOKEN: 'from-env' });
    await run(['--token=first', 'status'], env);
    expect(server.requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer from-flag',
      'Bearer first',
    ]);
  });

  it('sends no Authorization header without a token', async () => {
    server.answer({ status: 200, body: {} });
    await run(['status'], env);
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('confirms 204 commands with a JSON object', async () => {
    server.answer({ status: 204 });
    expect((await run(['cancel', 'instance', '9'], env)).stdout).toBe(
      `${JSON.stringify({ processInstanceKey: '9', canceled: true }, null, 2)}\n`,
    );
    expect(JSON.parse((await run(['complete', 'job', '3', '--variables', '{"a":1}'], env)).stdout)).toEqual({
      jobKey: '3',
      completed: true,
      variables: { a: 1 },
    });
    expect(JSON.parse((await run(['fail', 'job', '3', '--retries', '0'], env)).stdout)).toEqual({
      jobKey: '3',
      failed: true,
      retries: 0,
    });
  });

  it('prints a problem as one line on stderr and exits 1', async () => {
    server.answer({
      status: 404,
      contentType: 'application/problem+json',
      body: {
        type: 'about:blank',
        title: 'NOT_FOUND',
        status: 404,
        detail: 'Process definition not found.',
        instance: '/v2/process-instances',
      },
    });
    expect(await run(['create', 'instance', 'nope'], env)).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'Error: NOT_FOUND: Process definition not found.\n',
    });
  });

  it('says which address could not be reached', async () => {
    const address = await closedPortAddress();
    expect(await run(['get', 'instance', '1'], { BATON_ADDRESS: address })).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: `Error: cannot reach Baton at ${address}: ECONNREFUSED\n`,
    });
  });

  it('answers usage errors with exit 2, the message and the command usage, without calling the server', async () => {
    const result = await run(['create', 'instance', 'p', '--variables', '{oops'], env);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^Error: --variables is not valid JSON .*: \{oops\n\nUsage: baton create instance ID \[options\]/,
    );
    expect(server.requests).toEqual([]);
  });

  it('prints help on stdout with exit 0', async () => {
    const result = await run(['--help'], {});
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Usage: baton <command> [options]');
  });

  describe('deploy', () => {
    let directory: string;
    beforeEach(async () => {
      directory = await mkdtemp(join(tmpdir(), 'baton-cli-'));
    });
    afterEach(() => rm(directory, { recursive: true, force: true }));

    it('reads files relative to the working directory and uploads them by base name', async () => {
      await writeFile(join(directory, 'order.bpmn'), '<definitions id="order"/>');
      server.answer({ status: 200, body: { deploymentKey: '1', tenantId: '<default>', deployments: [] } });
      const result = await run(['deploy', 'order.bpmn'], env, directory);
      expect(result.exitCode).toBe(0);
      expect(server.requests[0]?.body).toMatch(/filename="order.bpmn"[\s\S]*<definitions id="order"\/>/);
    });

    it('exits 1 naming a file it cannot read, without calling the server', async () => {
      expect(await run(['deploy', 'missing.bpmn'], env, directory)).toEqual({
        exitCode: 1,
        stdout: '',
        stderr: 'Error: cannot read missing.bpmn: ENOENT\n',
      });
      expect(server.requests).toEqual([]);
    });
  });
});
