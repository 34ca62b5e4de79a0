// Flags of `npm run bench -- --real`: Baton on the real Kafka broker and FerretDB, beside Camunda 7
// on PostgreSQL, in the same run.
import { parseArgs } from 'node:util';
import { parseLoad, parseScenarioLetters, positiveInteger, type Load } from '../load';

export const realEngineNames = ['baton', 'camunda7'] as const;
export type RealEngineName = (typeof realEngineNames)[number];

export interface RealBenchOptions {
  readonly json: boolean;
  /** A check that every scenario runs on both engines: a few seconds each; the figures mean nothing. */
  readonly smoke: boolean;
  /** Seconds of sustained load per scenario (after the warm-up). @default 60 (3 with --smoke) */
  readonly durationSeconds: number;
  /** Seconds of load before measuring. @default 10 (1 with --smoke) */
  readonly warmupSeconds: number;
  /**
   * Create requests in flight at once (Baton over HTTP; closed loop only). A create is answered
   * once its instance is stored, so the loop completes at most this many per create latency: at 32
   * that bound (about 32 / 70 ms) was below what the engine could do on this machine. @default 48
   */
  readonly concurrency: number;
  /**
   * The load: at most this many instances in flight (created, not yet seen completed; the driver
   * creates no more until some complete, so the engine is measured at a bounded backlog, not a
   * growing one), or `--rate N` new instances per second whatever completes. @default 96 in flight
   */
  readonly load: Load;
  /** Engine replicas (processes) sharing the work. @default 1 */
  readonly replicas: number;
  /** Scenario letters: a (start → end), b (start → service task → end), c (the order process). @default a,b,c */
  readonly scenarios: readonly string[];
  /** Engines to run. @default baton, camunda7 */
  readonly engines: readonly RealEngineName[];
  /** Camunda 7's history level. @default none */
  readonly camunda7History: 'none' | 'full';
  /** Where to write CPU profiles of the engine replicas (`--cpu-prof-dir`); none when unset. */
  readonly cpuProfileDir?: string;
}

function engineName(text: string): RealEngineName {
  const found = realEngineNames.find((name) => name === text);
  if (found) return found;
  throw new Error(`unknown engine ${text}: use ${realEngineNames.join(', ')}`);
}

/** The flags `npm run bench -- --real` takes besides `--real` (bench/help.ts describes them). */
export const realBenchFlags = {
  json: { type: 'boolean', default: false },
  smoke: { type: 'boolean', default: false },
  duration: { type: 'string' },
  warmup: { type: 'string' },
  concurrency: { type: 'string', default: '48' },
  'in-flight': { type: 'string', default: '96' },
  rate: { type: 'string' },
  replicas: { type: 'string', default: '1' },
  scenarios: { type: 'string' },
  scenario: { type: 'string' },
  engines: { type: 'string', default: realEngineNames.join(',') },
  'camunda7-history': { type: 'string', default: 'none' },
  'cpu-prof-dir': { type: 'string' },
} as const;

export function parseRealBenchOptions(argv: readonly string[]): RealBenchOptions {
  const { values } = parseArgs({
    args: argv.filter((arg) => arg !== '--real'),
    options: realBenchFlags,
  });
  const smoke = values.smoke;
  const warmup = Number(values.warmup ?? (smoke ? '1' : '10'));
  if (!Number.isFinite(warmup) || warmup < 0)
    throw new Error(`--warmup must be a number of seconds ≥ 0, got ${values.warmup}`);
  const history = values['camunda7-history'];
  if (history !== 'none' && history !== 'full')
    throw new Error(`--camunda7-history must be none or full, got ${history}`);
  return {
    json: values.json,
    smoke,
    durationSeconds: positiveInteger('duration', values.duration ?? (smoke ? '3' : '60')),
    warmupSeconds: warmup,
    concurrency: positiveInteger('concurrency', values.concurrency),
    load: parseLoad(values.rate, values['in-flight']),
    replicas: positiveInteger('replicas', values.replicas),
    scenarios: parseScenarioLetters(values.scenario ?? values.scenarios ?? 'a,b,c', ['a', 'b', 'c']),
    engines: values.engines.split(',').map(engineName),
    camunda7History: history,
    ...(values['cpu-prof-dir'] ? { cpuProfileDir: values['cpu-prof-dir'] } : {}),
  };
}
