// The shape of a benchmark report: what `npm run bench -- --json` prints and what the
// table is rendered from.
import type { RunStats } from './stats';

/** One engine's figures for one scenario, or why there are none. */
export type EngineOutcome =
  | ({ readonly ok: true; readonly wrongResults: number; readonly firstWrongResult?: string } & RunStats)
  | { readonly ok: false; readonly error: string };

export interface ScenarioReport {
  readonly label: string;
  readonly processId: string;
  readonly baton: EngineOutcome;
  readonly bpmnEngine: EngineOutcome;
  /** Baton instances/s ÷ bpmn-engine instances/s; absent when either side has no figure. */
  readonly throughputRatio?: number;
  /** bpmn-engine CPU ms per instance ÷ Baton CPU ms per instance: the same comparison, less sensitive to other load. */
  readonly cpuCostRatio?: number;
}

export interface BenchReport {
  readonly nodeVersion: string;
  readonly platform: string;
  readonly cpuCount: number;
  readonly cpuModel: string;
  readonly bpmnEngineVersion: string;
  /** Measured instances per scenario on Baton. */
  readonly instances: number;
  /** Measured instances per scenario on bpmn-engine (fewer when asked to, see notes). */
  readonly peerInstances: number;
  readonly warmupInstances: number;
  readonly peerWarmupInstances: number;
  /** Instances in flight at once, on both sides. */
  readonly concurrency: number;
  readonly scenarios: readonly ScenarioReport[];
  readonly notes: readonly string[];
}
