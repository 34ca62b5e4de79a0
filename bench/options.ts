// The benchmark's command-line flags, parsed and validated once, with their defaults.
import { parseArgs } from 'node:util';

export type EngineName = 'baton' | 'bpmn-engine';

export interface BenchOptions {
  /** Print one JSON object instead of the table. */
  readonly json: boolean;
  /** Measured instances per scenario on Baton. @default 2000 */
  readonly instances: number;
  /** Measured instances per scenario on bpmn-engine. @default a quarter of N, at least 200, at most N */
  readonly peerInstances: number;
  /** Warm-up instances before the measured ones on Baton. @default N (as many as are measured) */
  readonly warmupInstances: number;
  /** Warm-up instances on bpmn-engine. @default its measured count (as many as are measured) */
  readonly peerWarmupInstances: number;
  /** Instances in flight at once, on both engines. @default 200 */
  readonly concurrency: number;
  /** Scenario letters to run. @default a, b, c */
  readonly scenarios: readonly string[];
  /** Engines to run. @default both */
  readonly engines: readonly EngineName[];
  /** Internal: run one engine's phase and print its outcomes as JSON (the parent process spawns this). */
  readonly phase?: EngineName;
}

function nonNegativeInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`--${name} must be a non-negative integer, got ${text}`);
  return value;
}

function engineName(text: string): EngineName {
  if (text === 'baton' || text === 'bpmn-engine') return text;
  throw new Error(`unknown engine ${text}: use baton or bpmn-engine`);
}

/** Parses `argv` (without node and the script). */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      json: { type: 'boolean', default: false },
      instances: { type: 'string', default: '2000' },
      'peer-instances': { type: 'string' },
      warmup: { type: 'string' },
      'peer-warmup': { type: 'string' },
      concurrency: { type: 'string', default: '200' },
      scenarios: { type: 'string', default: 'a,b,c' },
      engines: { type: 'string', default: 'baton,bpmn-engine' },
      phase: { type: 'string' },
    },
  });
  const instances = nonNegativeInteger('instances', values.instances);
  // bpmn-engine runs one to two orders of magnitude slower: a quarter of N keeps the run near two minutes.
  const peerInstances =
    values['peer-instances'] === undefined
      ? Math.min(instances, Math.max(200, Math.ceil(instances / 4)))
      : nonNegativeInteger('peer-instances', values['peer-instances']);
  return {
    json: values.json,
    instances,
    peerInstances,
    // Each engine warms up with as many instances as it then measures, so that both are measured
    // with their code optimised by V8. A fixed small warm-up is unfair to the faster engine: 200
    // Baton instances (one wave of the 200 in flight) take a tenth of a second, and its measured
    // run then fell inside V8's tier-up, at twice the CPU per instance of its steady state.
    warmupInstances: values.warmup === undefined ? instances : nonNegativeInteger('warmup', values.warmup),
    peerWarmupInstances:
      values['peer-warmup'] === undefined
        ? peerInstances
        : nonNegativeInteger('peer-warmup', values['peer-warmup']),
    concurrency: Math.max(1, nonNegativeInteger('concurrency', values.concurrency)),
    scenarios: values.scenarios.split(','),
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
    `--concurrency=${options.concurrency}`,
    `--scenarios=${options.scenarios.join(',')}`,
  ];
}
