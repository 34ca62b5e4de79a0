// Waiting on a condition with a deadline: the tests' replacement for fixed sleeps (STYLE.md §6).
// The condition is re-checked on every macrotask turn, so it sees work done by timers and I/O.

/** Options of {@link waitFor}. */
export interface WaitForOptions {
  /**
   * How long to wait before failing, ms.
   * @default 5000
   */
  readonly timeoutMs?: number;
  /**
   * Pause between checks, ms.
   * @default 5
   */
  readonly intervalMs?: number;
  /** Included in the timeout error to say what was awaited. */
  readonly description?: string;
}

/**
 * Resolves with the first truthy value `condition` returns; rejects when the deadline passes.
 * A condition that throws is treated as "not yet" until the deadline, then its error is reported.
 * @example
 * const instance = await waitFor(async () => (await engine.getInstance(key))?.state === 'COMPLETED');
 */
export async function waitFor<T>(
  condition: () => T | Promise<T>,
  options: WaitForOptions = {},
): Promise<NonNullable<T>> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const intervalMs = options.intervalMs ?? 5;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const what = options.description ?? 'condition';
      const cause = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`waitFor: ${what} not met within ${timeoutMs} ms${cause}`, { cause: lastError });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
