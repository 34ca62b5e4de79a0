// An engine replica as a real operating-system process (`services/engine/src/main.ts` under tsx),
// for the tests that kill one: its output is kept for the failure message, its health awaited.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { testAuthEnvironment, testToken, waitFor } from '@baton/testing';
import type { RealTestSettings } from './test-runtime';

export interface ReplicaProcess {
  readonly replicaId: string;
  readonly baseUrl: string;
  readonly child: ChildProcess;
  /** `authorization: Bearer <operator token>`: the replica runs with the test secret (auth ON). */
  readonly authHeaders: Readonly<Record<string, string>>;
  /** Everything the process printed so far. */
  output(): string;
  /** Resolves with the exit code or signal once the process is gone. */
  readonly exited: Promise<string>;
}

/** The JSON log lines in a replica's output (other lines, e.g. a crash's stack, are skipped). */
export function jsonLogLines(output: string): Record<string, unknown>[] {
  return output.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
}

/** The engine's entry point; tests and benchmarks run from the repository root (jest and tsx, CJS and ESM alike). */
const mainScript = path.resolve(process.cwd(), 'services/engine/src/main.ts');

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Starts a replica on the test's topics and database and waits until its REST API answers. */
export async function startReplicaProcess(
  settings: RealTestSettings,
  replicaId: string,
  env: Readonly<Record<string, string>> = {},
  nodeArgs: readonly string[] = [],
): Promise<ReplicaProcess> {
  if (!existsSync(mainScript)) throw new Error(`${mainScript} not found: run from the repository root`);
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', mainScript], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      KAFKA_BROKERS: settings.kafkaBrokers.join(','),
      MONGODB_URI: settings.mongodbUri,
      MONGODB_DATABASE: settings.mongodbDatabase,
      TOPIC_PREFIX: settings.topicPrefix,
      REPLICA_ID: replicaId,
      ...testAuthEnvironment,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? String(code))),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  let gone = false;
  void exited.then(() => (gone = true));
  await waitFor(
    async () => {
      if (gone) throw new Error(`replica ${replicaId} exited during start-up:\n${output}`);
      const response = await fetch(`${baseUrl}/health`).catch(() => undefined);
      return response?.ok;
    },
    { timeoutMs: 60_000, intervalMs: 100, description: `replica ${replicaId} to answer on ${baseUrl}` },
  );
  const authHeaders = { authorization: `Bearer ${await testToken()}` };
  return { replicaId, baseUrl, child, authHeaders, output: () => output, exited };
}
