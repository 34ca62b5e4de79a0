// The benchmark's command-line flags, parsed and validated once, with their defaults.
import { parseArgs } from 'node:util';
import { nonNegativeInteger, parseLoad, parseScenarioLetters, type Load } from './load';

export const engineNames = ['baton', 'bpmn-engine', 'camunda7'] as const;
export type EngineName = (typeof engineNames)[number];

export type Camunda7History = 'none' | 'full';

export interface BenchOptions {
  /** Print one JSON object instead of the table. */
  readonly json: boolean;
  /** A quick check that every scenario runs on every engine (tiny N); the figures mean nothing. */
  readonly smoke: boolean;
  /** Measured instances per scenario on Baton. @default 2000 (20 with --smoke) */
  readonly instances: number;
  /** Measured instances per scenario on bpmn-engine. @default a quarter of N, at least 200, at most N */
  readonly peerInstances: number;
  /** Measured instances per scenario on Camunda 7. @default N */
  readonly camunda7Instances: number;
  /** Warm-up instances before the measured ones on Baton. @default N (as many as are measured) */
  readonly warmupInstances: number;
  /** Warm-up instances on bpmn-engine. @default its measured count (as many as are measured) */
  readonly peerWarmupInstances: number;
  /** Warm-up instances on Camunda 7. @default its measured count */
  readonly camunda7WarmupInstances: number;
  /** How load is offered: a bounded number in flight (closed loop) or a fixed start rate (open loop, `--rate`). */
  readonly load: Load;
  /** Camunda 7's history level. @default none */
  readonly camunda7History: Camunda7History;
  /** Scenario letters to run. @default a, b, c */
  readonly scenarios: readonly string[];
  /** Engines to run. @default all three */
  readonly engines: readonly EngineName[];
  /** Internal: run one engine's phase and write its outcomes as JSON to fd 3 (the parent process spawns this). */
  readonly phase?: EngineName;
}

function engineName(text: string): EngineName {
  const found = engineNames.find((name) => name === text);
  if (found) return found;
  throw new Error(`unknown engine ${text}: use ${engineNames.join(', ')}`);
}

function history(text: string): Camunda7History {
  if (text === 'none' || text === 'full') return text;
  throw new Error(`--camunda7-history must be none or full, got ${text}`);
}

/** The flags `npm run bench` takes (bench/help.ts describes them). */
export const benchFlags = {
  json: { type: 'boolean', default: false },
  smoke: { type: 'boolean', default: false },
  instances: { type: 'string' },
  'peer-instances': { type: 'string' },
  'camunda7-instances': { type: 'string' },
  warmup: { type: 'string' },
  'peer-warmup': { type: 'string' },
  'camunda7-warmup': { type: 'string' },
  concurrency: { type: 'string', default: '200' },
  rate: { type: 'string' },
  'camunda7-history': { type: 'string', default: 'none' },
  scenarios: { type: 'string' },
  scenario: { type: 'string' },
  engines: { type: 'string', default: engineNames.join(',') },
  phase: { type: 'string' },
} as const;

/** Parses `argv` (without node and the script). */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({ args: [...argv], options: benchFlags });
  const smoke = values.smoke;
  const instances = nonNegativeInteger('instances', values.instances ?? (smoke ? '20' : '2000'));
  // bpmn-engine runs one to two orders of magnitude slower: a quarter of N keeps the run near two minutes.
  const peerInstances =
    values['peer-instances'] === undefined
      ? smoke
        ? Math.min(instances, 10)
        : Math.min(instances, Math.max(200, Math.ceil(instances / 4)))
      : nonNegativeInteger('peer-instances', values['peer-instances']);
  const camunda7Instances =
    values['camunda7-instances'] === undefined
      ? instances
      : nonNegativeInteger('camunda7-instances', values['camunda7-instances']);
  // Each engine warms up with as many instances as it then measures, so that all are measured
  // with their code optimised (V8's tiers, the JVM's JIT). A fixed small warm-up is unfair to the
  // faster engine: 200 Baton instances (one wave of the 200 in flight) take a tenth of a second,
  // and its measured run then fell inside V8's tier-up, at twice the CPU per instance of its steady state.
  const warmupFor = (flag: string | undefined, name: string, measured: number): number =>
    flag === undefined ? (smoke ? Math.min(measured, 5) : measured) : nonNegativeInteger(name, flag);
  return {
    json: values.json,
    smoke,
    instances,
    peerInstances,
    camunda7Instances,
    warmupInstances: warmupFor(values.warmup, 'warmup', instances),
    peerWarmupInstances: warmupFor(values['peer-warmup'], 'peer-warmup', peerInstances),
    camunda7WarmupInstances: warmupFor(values['camunda7-warmup'], 'camunda7-warmup', camunda7Instances),
    load: parseLoad(values.rate, values.concurrency, smoke ? 10 : undefined),
    camunda7History: history(values['camunda7-history']),
    scenarios: parseScenarioLetters(values.scenario ?? values.scenarios ?? 'a,b,c', ['a', 'b', 'c']),
    engines: values.engines.split(',').map(engineName),
    ...(values.phase === undefined ? {} : { phase: engineName(values.phase) }),
  };
}

/** The flags that reproduce `options` in a child process running one engine's phase. */
export function phaseArguments(options: BenchOptions, engine: EngineName): string[] {
  return [
    `--phase=${engine}`,
    `--instances=${options.instances}`,
    `--peer-instances=${options.peerInstances}`,
    `--warmup=${options.warmupInstances}`,
    `--peer-warmup=${options.peerWarmupInstances}`,
    options.load.kind === 'rate'
      ? `--rate=${options.load.instancesPerSecond}`
      : `--concurrency=${options.load.concurrency}`,
    `--scenarios=${options.scenarios.join(',')}`,
  ];
}
