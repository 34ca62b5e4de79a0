// What every hostile-input test shares: an engine runtime and its REST API (authentication on),
// a probe that asks GET /v2/topology back to back while a hostile request runs (the answer time
// of an innocent caller: the event loop is shared, so a blocked loop shows in it), and the check
// that an error answer is a clean, small RFC 9457 problem.
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment -- JSON answers are JsonBody (any) by design */
import type { EngineRuntime } from '../../src/engine-runtime';
import { startTestRuntime } from '../support/test-runtime';
import { startTestServer, type JsonBody, type TestServer } from '../support/test-support';

/** The budget of an innocent GET /v2/topology while a hostile request runs (issue 19). */
export const topologyBudgetMs = 100;
/** The largest problem document a caller may get back, bytes. */
export const maxProblemBytes = 16 * 1024;

export interface HostileHarness {
  readonly engine: EngineRuntime;
  readonly server: TestServer;
  close(): Promise<void>;
}

/** The worst topology answer and the peak RSS seen by the probes of this test process. */
export const hostileStats = { worstTopologyMs: 0, peakRssBytes: 0, probes: 0 };

export async function startHostileHarness(): Promise<HostileHarness> {
  const engine = await startTestRuntime();
  const server = await startTestServer(engine);
  return {
    engine,
    server,
    close: async () => {
      await server.close();
      await engine.close();
    },
  };
}

/** A raw answer: status, content type, body text. */
export interface RawAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

export async function rawAnswer(response: Response): Promise<RawAnswer> {
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text: await response.text(),
  };
}

/**
 * Runs `action` while GET /v2/topology is asked back to back; answers the action's value and the
 * slowest topology answer. At least one probe completes after the action did, so a loop blocked
 * by work the action left behind is seen too.
 */
export async function whileProbingTopology<T>(
  server: TestServer,
  action: () => Promise<T>,
): Promise<{ value: T; worstTopologyMs: number }> {
  let running = true;
  let worst = 0;
  const probe = async () => {
    do {
      const started = performance.now();
      const answer = await fetch(`${server.baseUrl}/v2/topology`, { headers: server.authHeaders });
      await answer.text();
      if (answer.status !== 200) throw new Error(`GET /v2/topology answered ${answer.status}`);
      worst = Math.max(worst, performance.now() - started);
      hostileStats.probes += 1;
      hostileStats.peakRssBytes = Math.max(hostileStats.peakRssBytes, process.memoryUsage().rss);
    } while (running);
  };
  const probing = probe();
  try {
    const value = await action();
    running = false;
    await probing;
    hostileStats.worstTopologyMs = Math.max(hostileStats.worstTopologyMs, worst);
    return { value, worstTopologyMs: worst };
  } finally {
    running = false;
    await probing.catch(() => undefined);
  }
}

/** Text a caller must never see: a stack frame, a source file's path, an HTML page. */
const leaks = [/\n\s+at \S/, /\/(?:work|home|usr|src|node_modules)\/\S*\.(?:[cm]?[jt]s)/, /<html|<!DOCTYPE/i];

/**
 * The answer is a 4xx RFC 9457 problem of `status`, small, with no stack, path or HTML in it;
 * answers the parsed problem.
 */
export function expectCleanProblem(answer: RawAnswer, status: number): JsonBody {
  expect({ status: answer.status, text: answer.text.slice(0, 300) }).toEqual({
    status,
    text: expect.any(String),
  });
  expect(answer.contentType).toContain('application/problem+json');
  expect(Buffer.byteLength(answer.text)).toBeLessThanOrEqual(maxProblemBytes);
  for (const leak of leaks) expect(answer.text).not.toMatch(leak);
  const problem: JsonBody = JSON.parse(answer.text);
  expect(problem.status).toBe(status);
  expect(typeof problem.title).toBe('string');
  expect(typeof problem.detail).toBe('string');
  return problem;
}

/** Logs the suite's worst topology answer and peak RSS (the figures issue 19 asks for). */
export function reportHostileStats(suite: string): void {
  process.stdout.write(
    `[hostile] ${suite}: worst GET /v2/topology ${hostileStats.worstTopologyMs.toFixed(1)} ms over ${hostileStats.probes} probes, peak RSS ${(hostileStats.peakRssBytes / 1024 / 1024).toFixed(0)} MiB\n`,
  );
}
