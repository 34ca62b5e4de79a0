// The decision store port: deployed decision requirements graphs (one record per DMN file version)
// and their decisions (one record per decision version). Each is versioned by its own id, as
// Camunda 8 does: (id, version) is unique, so a concurrent deployment of the same version loses.
import type { DecisionRequirementsModel } from '@baton/bpmn/dmn';

/** A deployed version of a decision requirements graph (a DMN file's `definitions`). */
export interface StoredDecisionRequirements {
  readonly decisionRequirementsKey: string;
  readonly decisionRequirementsId: string;
  readonly decisionRequirementsName: string;
  readonly version: number;
  readonly resourceName: string;
  readonly tenantId: string;
  readonly deploymentKey: string;
  /** The whole DMN file. */
  readonly dmnXml: string;
  /** Hash of the DMN file, to recognise an identical re-deployment. */
  readonly checksum: string;
  readonly model: DecisionRequirementsModel;
  readonly deployedAt: string;
}

/** A deployed version of a decision; its logic is in its requirements graph's model. */
export interface StoredDecision {
  readonly decisionDefinitionKey: string;
  readonly decisionDefinitionId: string;
  readonly name: string;
  readonly version: number;
  readonly decisionRequirementsKey: string;
  readonly decisionRequirementsId: string;
  readonly tenantId: string;
  readonly deploymentKey: string;
}

export interface DecisionStore {
  /** Stores a new graph version; false (nothing written) when that id and version already exist. */
  insertRequirements(requirements: StoredDecisionRequirements): Promise<boolean>;
  /** Stores a new decision version; false (nothing written) when that id and version already exist. */
  insertDecision(decision: StoredDecision): Promise<boolean>;
  getLatestRequirements(decisionRequirementsId: string): Promise<StoredDecisionRequirements | undefined>;
  getRequirementsByKey(decisionRequirementsKey: string): Promise<StoredDecisionRequirements | undefined>;
  getLatestDecision(decisionDefinitionId: string): Promise<StoredDecision | undefined>;
  getDecisionByKey(decisionDefinitionKey: string): Promise<StoredDecision | undefined>;
  /** The decisions deployed with a graph version, in the graph's order. */
  decisionsOf(decisionRequirementsKey: string): Promise<readonly StoredDecision[]>;
}
