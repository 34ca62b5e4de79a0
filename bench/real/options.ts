// Flags of `npm run bench -- --real`: the benchmark on the real Kafka broker and FerretDB.
import { parseArgs } from 'node:util';

export interface RealBenchOptions {
  readonly json: boolean;
  /** Seconds of sustained load per scenario (after the warm-up). @default 60 */
  readonly durationSeconds: number;
  /** Seconds of load before measuring. @default 10 */
  readonly warmupSeconds: number;
  /** Create requests in flight at once. @default 32 */
  readonly concurrency: number;
  /**
   * Instances in flight at most: created but not yet seen completed. The driver creates no more
   * until some complete, so the engine is measured at a bounded backlog, not a growing one.
   * @default 64
   */
  readonly inFlight: number;
  /** Engine replicas (processes) sharing the work. @default 1 */
  readonly replicas: number;
  /** Scenario letters: a (start → end), b (start → service task over Kafka → end). @default a,b */
  readonly scenarios: readonly string[];
  /** Where to write CPU profiles of the engine replicas (`--cpu-prof-dir`); none when unset. */
  readonly cpuProfileDir?: string;
}

function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a positive integer, got ${text}`);
  return value;
}

export function parseRealBenchOptions(argv: readonly string[]): RealBenchOptions {
  const { values } = parseArgs({
    args: argv.filter((arg) => arg !== '--real'),
    options: {
      json: { type: 'boolean', default: false },
      duration: { type: 'string', default: '60' },
      warmup: { type: 'string', default: '10' },
      concurrency: { type: 'string', default: '32' },
      'in-flight': { type: 'string', default: '64' },
      replicas: { type: 'string', default: '1' },
      scenarios: { type: 'string', default: 'a,b' },
      'cpu-prof-dir': { type: 'string' },
    },
  });
  const scenarios = values.scenarios.split(',');
  for (const letter of scenarios)
    if (letter !== 'a' && letter !== 'b') throw new Error(`--scenarios: unknown scenario ${letter} (a, b)`);
  return {
    json: values.json,
    durationSeconds: positiveInteger('duration', values.duration),
    warmupSeconds: Number(values.warmup) >= 0 ? Number(values.warmup) : 10,
    concurrency: positiveInteger('concurrency', values.concurrency),
    inFlight: positiveInteger('in-flight', values['in-flight']),
    replicas: positiveInteger('replicas', values.replicas),
    scenarios,
    ...(values['cpu-prof-dir'] ? { cpuProfileDir: values['cpu-prof-dir'] } : {}),
  };
}
