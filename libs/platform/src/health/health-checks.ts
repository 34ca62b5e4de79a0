// Liveness and readiness for the orchestrator (Kubernetes probes, Docker HEALTHCHECK): live means
// the process answers; ready means every dependency check passed within its deadline, so that a
// replica cut off from Kafka or MongoDB stops receiving traffic instead of failing requests.

/** Resolves when the dependency answers; rejects (with the reason) when it does not. */
export type HealthCheck = () => Promise<void>;

/** Checks by name, e.g. `{ kafka, mongodb }`; none means always ready (the embedded defaults). */
export type HealthChecks = Readonly<Record<string, HealthCheck>>;

export interface CheckResult {
  readonly status: 'UP' | 'DOWN';
  /** Why it is down. */
  readonly error?: string;
}

export interface HealthReport {
  readonly status: 'UP' | 'DOWN';
  readonly checks: Readonly<Record<string, CheckResult>>;
}

/** The answer to `/health/live`: the process is up and serving HTTP. */
export const liveReport: HealthReport = { status: 'UP', checks: {} };

/**
 * Runs every check at once; one that has not answered within `timeoutMs` counts as down.
 * @param timeoutMs deadline of each check, ms. @default 2000 (below the probes' 3 s timeout)
 */
export async function runHealthChecks(checks: HealthChecks, timeoutMs = 2000): Promise<HealthReport> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]): Promise<[string, CheckResult]> => {
      try {
        await withDeadline(check(), timeoutMs, `${name} did not answer within ${timeoutMs} ms`);
        return [name, { status: 'UP' }];
      } catch (error) {
        return [name, { status: 'DOWN', error: error instanceof Error ? error.message : String(error) }];
      }
    }),
  );
  const results = Object.fromEntries(entries);
  return {
    status: entries.every(([, result]) => result.status === 'UP') ? 'UP' : 'DOWN',
    checks: results,
  };
}

/** HTTP status of a report: 200 when up, 503 when down (what probes and load balancers read). */
export function healthStatusCode(report: HealthReport): number {
  return report.status === 'UP' ? 200 : 503;
}

async function withDeadline(work: Promise<void>, timeoutMs: number, message: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(message)), timeoutMs);
  });
  try {
    await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
