// How a benchmark offers load, and the flag parsing both benchmarks share. A closed loop keeps
// a bounded number of instances in flight and measures the most an engine completes (latency at
// saturation); an open loop (`--rate N`) starts N instances per second whatever completes, so
// that latency is measured at a known load, as a user's traffic arrives.

/** At most `concurrency` instances in flight; a new one starts when one completes. */
export interface ClosedLoad {
  readonly kind: 'closed';
  readonly concurrency: number;
}

/** A new instance every 1/`instancesPerSecond` seconds, however many are still running. */
export interface RateLoad {
  readonly kind: 'rate';
  readonly instancesPerSecond: number;
}

export type Load = ClosedLoad | RateLoad;

export function nonNegativeInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`--${name} must be a non-negative integer, got ${text}`);
  return value;
}

export function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a positive integer, got ${text}`);
  return value;
}

export function positiveNumber(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`--${name} must be a positive number, got ${text}`);
  return value;
}

/** `--rate` wins over `--concurrency`; `smokeConcurrency` replaces the default concurrency of a smoke run. */
export function parseLoad(rate: string | undefined, concurrency: string, smokeConcurrency?: number): Load {
  if (rate !== undefined) return { kind: 'rate', instancesPerSecond: positiveNumber('rate', rate) };
  const parsed = positiveInteger('concurrency', concurrency);
  return {
    kind: 'closed',
    concurrency: smokeConcurrency === undefined ? parsed : Math.min(parsed, smokeConcurrency),
  };
}

/** A comma-separated list of scenario letters, each one of `known`. */
export function parseScenarioLetters(text: string, known: readonly string[]): string[] {
  const letters = text.split(',').map((letter) => letter.trim());
  for (const letter of letters)
    if (!known.includes(letter)) throw new Error(`unknown scenario ${letter}: use ${known.join(', ')}`);
  return letters;
}

/** The load in words, for the tables' notes. */
export function describeLoad(load: Load): string {
  return load.kind === 'closed'
    ? `${load.concurrency} instances in flight at most (closed loop)`
    : `${load.instancesPerSecond} new instances per second whatever completes (open loop)`;
}
