// For the smoke tests: runs `npm run bench -- …` exactly as a user would, from the repository
// root, and hands back its exit code and both streams, kept apart.
import { spawn } from 'node:child_process';
import path from 'node:path';

export interface BenchRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..');

/** Runs the benchmark with `args`; killed (and failing) after `timeoutMs`. */
export function runBench(args: readonly string[], timeoutMs: number): Promise<BenchRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'bench', '--', ...args], {
      cwd: repositoryRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      // The whole group: npm, tsx, the phase children and the JVM.
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      reject(
        new Error(
          `npm run bench -- ${args.join(' ')} still running after ${timeoutMs} ms:\n${stderr.slice(-3000)}`,
        ),
      );
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, stdout, stderr });
    });
  });
}

/** The one JSON object a `--json` run must print, and nothing else on stdout. */
export function onlyJsonObject(run: BenchRun): Record<string, unknown> {
  const lines = run.stdout.split('\n').filter((line) => line.trim() !== '');
  if (lines.length !== 1)
    throw new Error(
      `expected one line of JSON on stdout, got ${lines.length}:\n${run.stdout.slice(0, 2000)}`,
    );
  const parsed: unknown = JSON.parse(lines[0]!);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error(`expected a JSON object, got ${lines[0]!.slice(0, 200)}`);
  return parsed as Record<string, unknown>;
}
