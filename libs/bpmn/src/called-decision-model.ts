// What a business rule task that calls a DMN decision holds in the executable model (its node is
// DecisionTaskNode in model.ts). Read by called-decisions.ts; evaluated by the engine's runtime.
import type { ValueSource } from './value-source';

/**
 * Camunda 7's `camunda:mapDecisionResult`: how the matched rules' outputs become the result
 * variable (resultList: every rule's outputs by name; singleResult: the one rule's outputs;
 * singleEntry: the one rule's one output; collectEntries: every rule's one output).
 */
export type DecisionResultMapping = 'singleEntry' | 'singleResult' | 'collectEntries' | 'resultList';
/**
 * What a business rule task evaluates: a deployed DMN decision (`zeebe:calledDecision`, or
 * Camunda 7's `camunda:decisionRef`), its result set as `resultVariable` before the output mappings.
 */
export interface CalledDecisionModel {
  /** The decision id: static, or FEEL evaluated when the task is entered. */
  readonly decisionId: ValueSource;
  /** Where the result goes; absent only in Camunda 7 models, which may evaluate without keeping it. */
  readonly resultVariable?: string;
  /**
   * Which version: the latest deployed, the one deployed with this process, or the newest carrying
   * `versionTag`. @default 'latest'
   */
  readonly bindingType: 'latest' | 'deployment' | 'versionTag';
  /** Set with bindingType versionTag. */
  readonly versionTag?: string;
  /** Camunda 7 models only: the result is shaped by this instead of Zeebe's decision output. */
  readonly mapDecisionResult?: DecisionResultMapping;
}
