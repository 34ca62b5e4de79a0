// The decision store port: deployed decision requirements graphs (one record per DMN file version)
// and their decisions (one record per decision version). Each is versioned by its own id, as
// Camunda 8 does: (id, version) is unique, so a concurrent deployment of the same version loses.
import type { DecisionRequirementsModel } from '@baton/bpmn/dmn';
import type { Page, PageRequest, SortRequest } from './query';

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
  /** The decision's `zeebe:versionTag`, when it has one. */
  readonly versionTag?: string;
}

/**
 * One decision evaluated, from a business rule task or the evaluation API (Camunda 8.8's decision
 * instance): an evaluation of a decision with required decisions gives one per decision evaluated,
 * keyed `<decisionEvaluationKey>-<n>`. Values (result, inputs, outputs) are JSON texts, as Camunda
 * answers them. Written once; a second write of the same key changes nothing.
 */
export interface StoredDecisionInstance {
  readonly decisionEvaluationInstanceKey: string;
  readonly decisionEvaluationKey: string;
  readonly state: 'EVALUATED' | 'FAILED';
  readonly evaluationDate: string;
  readonly evaluationFailure?: string;
  readonly decisionDefinitionId: string;
  readonly decisionDefinitionKey: string;
  readonly decisionDefinitionName: string;
  readonly decisionDefinitionVersion: number;
  readonly decisionDefinitionType: 'DECISION_TABLE' | 'LITERAL_EXPRESSION' | 'UNKNOWN';
  /** The decision that was asked for (this one, or one that requires it). */
  readonly rootDecisionDefinitionKey: string;
  readonly result: string;
  readonly tenantId: string;
  /** Set when a business rule task evaluated it. */
  readonly processDefinitionKey?: string;
  readonly processInstanceKey?: string;
  readonly elementInstanceKey?: string;
  readonly evaluatedInputs: readonly {
    readonly inputId: string;
    readonly inputName: string;
    readonly inputValue: string;
  }[];
  readonly matchedRules: readonly {
    readonly ruleId: string;
    readonly ruleIndex: number;
    readonly evaluatedOutputs: readonly {
      readonly outputId: string;
      readonly outputName: string;
      readonly outputValue: string;
    }[];
  }[];
}

/** Equality filters of a decision instance search (Camunda 8.8 DecisionInstanceFilter, the plain fields). */
export type DecisionInstanceFilter = Partial<
  Pick<
    StoredDecisionInstance,
    | 'decisionEvaluationInstanceKey'
    | 'decisionEvaluationKey'
    | 'state'
    | 'decisionDefinitionId'
    | 'decisionDefinitionKey'
    | 'decisionDefinitionName'
    | 'decisionDefinitionVersion'
    | 'decisionDefinitionType'
    | 'rootDecisionDefinitionKey'
    | 'tenantId'
    | 'processDefinitionKey'
    | 'processInstanceKey'
    | 'elementInstanceKey'
  >
>;

export interface DecisionInstanceQuery {
  readonly filter?: DecisionInstanceFilter;
  readonly sort?: readonly SortRequest[];
  readonly page?: PageRequest;
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
  /** The version of a decision that one deployment holds (Camunda's bindingType deployment). */
  getDecisionOfDeployment(
    decisionDefinitionId: string,
    deploymentKey: string,
  ): Promise<StoredDecision | undefined>;
  /** The newest version of a decision carrying `versionTag` (Camunda's bindingType versionTag). */
  getDecisionByVersionTag(
    decisionDefinitionId: string,
    versionTag: string,
  ): Promise<StoredDecision | undefined>;
  /** Every version of every decision, for searches (there are few). */
  listDecisions(): Promise<readonly StoredDecision[]>;
  /** Every version of every graph, for searches. */
  listRequirements(): Promise<readonly StoredDecisionRequirements[]>;
  /**
   * Deletes a graph version and the decision versions deployed with it (POST
   * /v2/resources/{key}/deletion): no lookup, list or evaluation finds them, and the previous
   * versions are the latest again. Their version numbers stay taken (Zeebe never reuses one).
   * Answers the graph; undefined when there is none of that key (or it was deleted already).
   */
  deleteRequirements(decisionRequirementsKey: string): Promise<StoredDecisionRequirements | undefined>;
  /** The highest version of a graph id ever stored, deleted ones included; 0 when none. */
  highestRequirementsVersion(decisionRequirementsId: string): Promise<number>;
  /** The highest version of a decision id ever stored, deleted ones included; 0 when none. */
  highestDecisionVersion(decisionDefinitionId: string): Promise<number>;
  /** Stores evaluated decisions; a key already stored is left as it is (a redone batch writes again). */
  saveDecisionInstances(instances: readonly StoredDecisionInstance[]): Promise<void>;
  getDecisionInstance(decisionEvaluationInstanceKey: string): Promise<StoredDecisionInstance | undefined>;
  searchDecisionInstances(query: DecisionInstanceQuery): Promise<Page<StoredDecisionInstance>>;
}
