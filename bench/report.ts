// The shape of a benchmark report: what `npm run bench -- --json` prints and what the
// table is rendered from.
import type { Load } from './load';
import type { RunStats } from './stats';

/** One engine's figures for one scenario, or why there are none. */
export type EngineOutcome =
  | ({ readonly ok: true; readonly wrongResults: number; readonly firstWrongResult?: string } & RunStats)
  | { readonly ok: false; readonly error: string };

/** Baton against one peer on one scenario; a field is absent when either side has no figure. */
export interface PeerRatios {
  /** Baton instances/s ÷ the peer's instances/s. */
  readonly throughput?: number;
  /** The peer's CPU ms per instance ÷ Baton's: the same comparison, less sensitive to other load. */
  readonly cpuCost?: number;
}

export interface ScenarioReport {
  readonly letter: string;
  readonly label: string;
  readonly processId: string;
  readonly baton: EngineOutcome;
  readonly bpmnEngine: EngineOutcome;
  readonly camunda7: EngineOutcome;
  readonly ratios: { readonly bpmnEngine: PeerRatios; readonly camunda7: PeerRatios };
}

/** What ran as the Camunda 7 peer, as its harness reported it. */
export interface Camunda7Setup {
  readonly engineVersion: string;
  readonly database: string;
  readonly history: string;
  readonly javaVersion: string;
}

export interface BenchReport {
  readonly date: string;
  readonly nodeVersion: string;
  readonly platform: string;
  readonly cpuCount: number;
  readonly cpuModel: string;
  readonly bpmnEngineVersion: string;
  readonly camunda7?: Camunda7Setup;
  readonly smoke: boolean;
  /** Measured instances per scenario on Baton. */
  readonly instances: number;
  /** Measured instances per scenario on bpmn-engine (fewer when asked to, see notes). */
  readonly peerInstances: number;
  readonly camunda7Instances: number;
  readonly warmupInstances: number;
  readonly peerWarmupInstances: number;
  readonly camunda7WarmupInstances: number;
  /** The load offered to every engine. */
  readonly load: Load;
  readonly scenarios: readonly ScenarioReport[];
  readonly notes: readonly string[];
}

/** Baton against `peer`, where both have figures. */
export function peerRatios(baton: EngineOutcome, peer: EngineOutcome): PeerRatios {
  if (!baton.ok || !peer.ok) return {};
  return {
    ...(peer.instancesPerSecond > 0
      ? { throughput: baton.instancesPerSecond / peer.instancesPerSecond }
      : {}),
    ...(baton.cpuMsPerInstance > 0 ? { cpuCost: peer.cpuMsPerInstance / baton.cpuMsPerInstance } : {}),
  };
}

/** Why an outcome does not count: failed, nothing completed, or a wrong result. `undefined` when it is sound. */
export function outcomeProblem(outcome: EngineOutcome): string | undefined {
  if (!outcome.ok) return outcome.error;
  if (outcome.instances === 0) return 'no instance completed';
  if (outcome.wrongResults > 0)
    return `${outcome.wrongResults} wrong results, first: ${outcome.firstWrongResult ?? ''}`;
  return undefined;
}
